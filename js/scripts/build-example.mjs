// `npm run build:example` (also run before `npm test`): compiles the bundled example
// (examples/hello/hello.c) with clang-19 and puts it next to the web page, in web/example/, with
// the sysroot inputs clang's wasm-ld line reads (crt1-command.o, libc.a, the compiler-rt
// builtins) and a manifest.json giving that line's flags and files in order, named by base name.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EXAMPLE_DIR, REPO_ROOT } from './paths.mjs';
import { clangLinkLine, compileC, splitLinkLine } from './toolchain.mjs';

export const EXAMPLE_SOURCE = join(REPO_ROOT, 'examples', 'hello', 'hello.c');

/** Builds web/example/ and returns its manifest. */
export function buildExample(dir = EXAMPLE_DIR) {
  mkdirSync(dir, { recursive: true });
  compileC(EXAMPLE_SOURCE, join(dir, 'hello.o'), ['-O1']);
  const line = clangLinkLine(['hello.o'], 'hello.wasm', dir);
  const { flags, files } = splitLinkLine(line, dir);
  const names = files.map((f) => basename(f));
  if (new Set(names).size !== names.length) throw new Error(`two example inputs share a base name: ${files.join(' ')}`);
  for (const f of files) {
    const src = resolve(dir, f);
    const dst = join(dir, basename(f));
    if (src !== dst) {
      rmSync(dst, { force: true });
      copyFileSync(src, dst);
    }
  }
  const manifest = {
    description: 'examples/hello/hello.c compiled by clang-19 -O1, with the inputs of its wasm-ld line',
    source: 'hello.c',
    output: 'hello.wasm',
    flags,
    files: names,
    clangLinkLine: line,
  };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  copyFileSync(EXAMPLE_SOURCE, join(dir, 'hello.c'));
  return manifest;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const m = buildExample();
    console.log(`web/example/: ${m.files.join(' ')} (flags: ${m.flags.join(' ')})`);
  } catch (e) {
    console.error(`build-example: ${e.message}`);
    process.exit(1);
  }
}
