// What both test files need: the output directory, the native binary, the JS API.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_DIR, REPO_ROOT, componentPath, nativeBinaryPath, testOutputDir } from '../scripts/paths.mjs';
import { requireTool, run } from '../scripts/toolchain.mjs';

/** `<test output dir>/<name>/`, created. */
export function outDir(name) {
  const dir = join(testOutputDir(), name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The native binary the JS API's output is compared with; built with cargo when missing. */
export function nativeBinary() {
  const bin = nativeBinaryPath();
  if (!existsSync(bin)) {
    console.log(`# ${bin} is missing: cargo build --release -p wasmlink`);
    run(process.env.CARGO || requireTool('cargo'), ['build', '--release', '-p', 'wasmlink'], {
      cwd: REPO_ROOT,
      timeout: 1_800_000,
    });
    if (!existsSync(bin)) throw new Error(`cargo build --release -p wasmlink did not produce ${bin}`);
  }
  return bin;
}

/** The package's API (index.js); fails clearly when `npm run build` has not run. */
export async function loadApi() {
  if (!existsSync(join(PACKAGE_DIR, 'dist', 'wasmlink.js'))) {
    throw new Error(
      `js/dist/wasmlink.js is missing: run \`npm run build\` in js/ (it transpiles ${componentPath()}).`,
    );
  }
  return import('../index.js');
}

/** What examples/hello/hello.c prints. */
export const HELLO_STDOUT = 'hello from a module linked by wasmlink\n49 36 25 16 9 4 1 0\n';
