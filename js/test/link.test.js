// The JS API in Node: real objects compiled by clang-19 (the bundled example and SQLite, as the
// root differential suite builds it) linked through linkArgs/link, byte-identical to the native
// binary given the same arguments, run under wasmtime; bad inputs give structured diagnostics.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { before, describe, test } from 'node:test';
import { REPO_ROOT } from '../scripts/paths.mjs';
import {
  SQLITE_LIBS,
  clangLinkLine,
  compileC,
  gatherFiles,
  makeArchive,
  run,
  sqliteObjects,
  wasmtimeRun,
  withOutput,
} from '../scripts/toolchain.mjs';
import { HELLO_STDOUT, loadApi, nativeBinary, outDir } from './support.js';

let api;
let native;

before(async () => {
  api = await loadApi();
  native = nativeBinary();
});

/** Links `line` (a wasm-ld command line run in `dir`) through linkArgs and through the native
 * binary; asserts both give the same bytes; returns the module's path. */
function linkBothWays(dir, line, stem) {
  const files = gatherFiles(line, dir);
  const t0 = performance.now();
  const { module, diagnostics } = api.linkArgs(line, files);
  const ms = performance.now() - t0;
  assert.deepEqual(diagnostics, [], 'no warnings expected');
  assert.ok(module instanceof Uint8Array);
  const jsPath = join(dir, `${stem}.js.wasm`);
  writeFileSync(jsPath, module);

  // The same file name in another directory: the module is named after its output file.
  const output = line[line.indexOf('-o') + 1];
  mkdirSync(join(dir, 'native'), { recursive: true });
  const nativePath = join(dir, 'native', basename(output));
  run(native, withOutput(line, nativePath), { cwd: dir });
  const expected = readFileSync(nativePath);
  assert.ok(
    Buffer.from(module).equals(expected),
    `linkArgs output (${module.length} bytes, ${jsPath}) differs from the native binary's ` +
      `(${expected.length} bytes, ${nativePath}) for: ${line.join(' ')}`,
  );
  return { path: jsPath, module, ms, files };
}

describe('bundled example (examples/hello/hello.c)', () => {
  let dir;
  before(() => {
    dir = outDir('node/hello');
    compileC(join(REPO_ROOT, 'examples', 'hello', 'hello.c'), join(dir, 'hello.o'), ['-O1']);
  });

  test("linkArgs with clang's wasm-ld line matches the native binary and runs", (t) => {
    const line = clangLinkLine(['hello.o'], 'hello.wasm', dir);
    const { path, ms, files } = linkBothWays(dir, line, 'hello');
    t.diagnostic(`linked ${files.length} inputs in ${ms.toFixed(0)} ms: ${line.join(' ')}`);
    assert.ok(files.some((f) => f.name === '/usr/lib/wasm32-wasi/libc.a'), 'libc.a found for -lc');
    const r = wasmtimeRun(path);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, HELLO_STDOUT);
  });

  test('link with typed options matches the native binary given the same flags', () => {
    const names = [
      '/usr/lib/wasm32-wasi/crt1-command.o',
      'hello.o',
      '/usr/lib/wasm32-wasi/libc.a',
      '/usr/lib/llvm-19/lib/clang/19/lib/wasi/libclang_rt.builtins-wasm32.a',
    ];
    const inputs = names.map((name) => ({ name, bytes: readFileSync(resolve(dir, name)) }));
    const options = { exports: ['main'], initialMemory: 2 << 20, stripDebug: true, args: ['-o', 'hello-options.wasm'] };
    const { module, diagnostics } = api.link(inputs, options);
    assert.deepEqual(diagnostics, []);
    mkdirSync(join(dir, 'native'), { recursive: true });
    const nativePath = join(dir, 'native', 'hello-options.wasm');
    run(native, ['--export=main', '--strip-debug', '--initial-memory=2097152', ...names, '-o', nativePath], { cwd: dir });
    assert.ok(Buffer.from(module).equals(readFileSync(nativePath)), 'link() output differs from the native binary');
    const exports = WebAssembly.Module.exports(new WebAssembly.Module(module)).map((e) => `${e.name}:${e.kind}`);
    assert.ok(exports.includes('main:function'), exports.join(' '));
    assert.ok(exports.includes('_start:function'), exports.join(' '));
  });
});

describe('SQLite (the differential suite program)', () => {
  test("linkArgs with clang's wasm-ld line matches the native binary and runs", { timeout: 1_800_000 }, (t) => {
    const dir = outDir('node/sqlite');
    const objs = sqliteObjects(join(outDir('node'), 'work'), REPO_ROOT);
    t.diagnostic(`objects: ${objs.driver} ${objs.sqlite3}${objs.reused ? ' (reused from the Rust difftest cache)' : ''}`);
    const libDir = join(dir, 'lib');
    makeArchive(libDir, 'sqlite3', [objs.sqlite3]);
    const line = clangLinkLine([objs.driver, `-L${libDir}`, '-lsqlite3', ...SQLITE_LIBS], 'sqlite.wasm', dir);
    const { path, module, ms, files } = linkBothWays(dir, line, 'sqlite');
    t.diagnostic(`linked ${files.length} inputs into ${module.length} bytes in ${ms.toFixed(0)} ms`);
    for (const lib of ['libsqlite3.a', 'libwasi-emulated-mman.a', 'libc.a']) {
      assert.ok(files.some((f) => f.name.endsWith(`/${lib}`)), `${lib} among the inputs`);
    }
    const r = wasmtimeRun(path);
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /^sqlite 3\./);
    assert.ok(r.stdout.includes('integrity_check\nok\ndone'), r.stdout.slice(-2000));
  });
});

describe('bad inputs give structured diagnostics', () => {
  let dir;
  let undefObj;
  let helloObj;
  const crt1 = '/usr/lib/wasm32-wasi/crt1-command.o';
  const libc = '/usr/lib/wasm32-wasi/libc.a';
  before(() => {
    dir = outDir('node/bad');
    writeFileSync(join(dir, 'undef.c'), 'extern int missing_fn(void);\nint main(void) { return missing_fn(); }\n');
    undefObj = readFileSync(compileC(join(dir, 'undef.c'), join(dir, 'undef.o'), ['-O1']));
    helloObj = readFileSync(compileC(join(REPO_ROOT, 'examples', 'hello', 'hello.c'), join(dir, 'hello.o'), ['-O1']));
  });
  const inputs = () => [
    { name: crt1, bytes: readFileSync(crt1) },
    { name: 'undef.o', bytes: undefObj },
    { name: libc, bytes: readFileSync(libc) },
  ];

  test('an undefined symbol is a LinkError naming the symbol and the file', () => {
    const line = clangLinkLine(['undef.o'], 'undef.wasm', dir);
    let err;
    assert.throws(
      () => api.linkArgs(line, gatherFiles(line, dir)),
      (e) => (err = e) instanceof api.LinkError,
    );
    const errors = err.diagnostics.filter((d) => d.severity === 'error');
    assert.equal(errors.length, 1, JSON.stringify(err.diagnostics));
    const d = errors[0];
    assert.equal(d.message, "undef.o: undefined symbol: missing_fn");
    assert.equal(d.symbol, 'missing_fn');
    assert.equal(d.file, 'undef.o');
    assert.match(err.message, /error: undef\.o: undefined symbol: missing_fn/);

    // The native binary says the same and fails.
    const r = run(native, withOutput(line, join(dir, 'undef.native.wasm')), { cwd: dir, allowFailure: true });
    assert.equal(r.status, 1);
    assert.ok(r.stderr.includes(`error: ${d.message}`), r.stderr);
  });

  test('a truncated object is a LinkError naming the file and the offset', () => {
    const truncated = helloObj.subarray(0, Math.floor(helloObj.length * 0.6));
    let err;
    assert.throws(
      () => api.linkArgs(['--no-entry', 'trunc.o'], [{ name: 'trunc.o', bytes: truncated }]),
      (e) => (err = e) instanceof api.LinkError,
    );
    const [d] = err.diagnostics;
    assert.equal(d.severity, 'error');
    assert.equal(d.file, 'trunc.o');
    assert.equal(typeof d.offset, 'number');
    assert.ok(d.offset <= truncated.length, `offset ${d.offset} within the ${truncated.length} bytes`);
    assert.match(d.message, /trunc\.o/);
  });

  test('a missing input and an unknown flag are LinkErrors', () => {
    assert.throws(() => api.linkArgs(['absent.o'], []), (e) => e instanceof api.LinkError && e.diagnostics[0].file === 'absent.o');
    assert.throws(
      () => api.linkArgs(['--no-such-flag', 'undef.o'], [{ name: 'undef.o', bytes: undefObj }]),
      (e) => e instanceof api.LinkError && /--no-such-flag/.test(e.diagnostics[0].message),
    );
  });

  test("undefined: 'warn' returns the module with a warning; 'import-dynamic' imports the symbol", () => {
    const warned = api.link(inputs(), { undefined: 'warn' });
    assert.ok(WebAssembly.validate(warned.module));
    assert.equal(warned.diagnostics.length, 1);
    assert.equal(warned.diagnostics[0].severity, 'warning');
    assert.equal(warned.diagnostics[0].symbol, 'missing_fn');

    const imported = api.link(inputs(), { undefined: 'import-dynamic' });
    assert.deepEqual(imported.diagnostics, []);
    const imports = WebAssembly.Module.imports(new WebAssembly.Module(imported.module));
    assert.ok(imports.some((i) => i.module === 'env' && i.name === 'missing_fn' && i.kind === 'function'));
  });

  test('bad arguments are TypeErrors before the linker runs', () => {
    assert.throws(() => api.link(inputs(), { noSuchOption: true }), TypeError);
    assert.throws(() => api.link([{ name: 'x.o', bytes: 'text' }]), TypeError);
    assert.throws(() => api.link(inputs(), { stackSize: -1 }), TypeError);
    assert.throws(() => api.link(inputs(), { exports: 'main' }), TypeError);
    assert.throws(() => api.linkArgs('--no-entry'), TypeError);
  });
});
