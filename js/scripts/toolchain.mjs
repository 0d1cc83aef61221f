// clang-19 / wasm-ld command lines, the WASI sysroot, cached compiles and the SQLite sources:
// shared by the tests and by build-example.mjs.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { targetDir } from './paths.mjs';

export const SETUP_HINT = 'run scripts/setup.sh (it installs clang-19, the WASI sysroot, wasmtime and chromium)';
export const SYSROOT = '/usr';
export const CLANG_TARGET = '--target=wasm32-wasi';

/** The absolute path of an executable on PATH, or an Error naming it and the setup script. */
export function requireTool(name) {
  for (const dir of (process.env.PATH || '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      if (statSync(p).isFile()) return p;
    } catch {}
  }
  throw new Error(`\`${name}\` not found on PATH: ${SETUP_HINT}`);
}

/** Runs a command; throws with its output when it fails. */
export function run(cmd, args, { cwd, timeout = 600_000, allowFailure = false, maxBuffer = 256 << 20 } = {}) {
  const r = spawnSync(cmd, args, { cwd, timeout, maxBuffer, encoding: 'buffer' });
  const res = {
    status: r.status,
    signal: r.signal,
    stdout: r.stdout ? r.stdout.toString('utf8') : '',
    stderr: r.stderr ? r.stderr.toString('utf8') : '',
  };
  if (r.error) throw new Error(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  if (!allowFailure && r.status !== 0) {
    throw new Error(
      `${cmd} ${args.join(' ')} failed (status ${r.status}${r.signal ? `, signal ${r.signal}` : ''})\n` +
        `---- stdout ----\n${res.stdout.slice(0, 4000)}\n---- stderr ----\n${res.stderr.slice(0, 4000)}`,
    );
  }
  return res;
}

let clangVersion;
function clangVersionText() {
  clangVersion ??= run(requireTool('clang-19'), ['--version']).stdout;
  return clangVersion;
}

/**
 * Compiles one C file with `clang-19 --target=wasm32-wasi --sysroot=/usr <flags> -c`, unless
 * `out` already holds an object compiled from the same compiler, flags, source and `deps`.
 */
export function compileC(src, out, flags = [], deps = []) {
  const h = createHash('sha256');
  const add = (s) => h.update(`${Buffer.byteLength(s)}:`).update(s);
  add(clangVersionText());
  for (const f of flags) add(f);
  for (const f of [src, ...deps]) {
    add(f);
    h.update(readFileSync(f));
  }
  const key = h.digest('hex');
  const stamp = `${out}.key`;
  if (existsSync(out) && existsSync(stamp) && readFileSync(stamp, 'utf8') === key) return out;
  rmSync(stamp, { force: true });
  mkdirSync(dirname(out), { recursive: true });
  const tmp = `${out}.tmp`;
  run(requireTool('clang-19'), [CLANG_TARGET, `--sysroot=${SYSROOT}`, ...flags, '-c', src, '-o', tmp]);
  renameSync(tmp, out);
  writeFileSync(stamp, key);
  return out;
}

/** Splits the quoted command line that `clang -###` prints (`"a" "b\"c"`). */
export function parseQuotedLine(line) {
  const args = [];
  const re = /"((?:[^"\\]|\\.)*)"/g;
  let m;
  while ((m = re.exec(line))) args.push(m[1].replace(/\\(.)/g, '$1'));
  return args;
}

/**
 * The wasm-ld command line clang-19 would run to link `inputs` (objects, `-L`, `-l` ...) into
 * `output`, without argv[0]: e.g. `-m wasm32 -L/usr/lib/wasm32-wasi
 * /usr/lib/wasm32-wasi/crt1-command.o hello.o -lc .../libclang_rt.builtins-wasm32.a -o hello.wasm`.
 */
export function clangLinkLine(inputs, output, cwd) {
  const r = run(requireTool('clang-19'), [CLANG_TARGET, `--sysroot=${SYSROOT}`, ...inputs, '-o', output, '-###'], { cwd });
  const line = r.stderr.split('\n').find((l) => /^\s*"[^"]*wasm-ld[^"]*"/.test(l));
  if (!line) throw new Error(`no wasm-ld line in clang -### output:\n${r.stderr}`);
  return parseQuotedLine(line).slice(1);
}

// wasm-ld options whose value is the next argument.
const SEPARATE_VALUE = new Set(['-m', '-o', '-L', '-l', '-z', '-e', '-u', '-mllvm', '--entry', '--export', '--undefined']);

/**
 * Splits a wasm-ld command line into its flags and the files it reads, in order, named as the
 * linker names them: file arguments as written, `-lname` as `<first -L dir that has it>/libname.a`
 * (wasmlink's `resolve_libraries`), looked up relative to `cwd`. `-o` and its value are dropped.
 */
export function splitLinkLine(args, cwd) {
  const dirs = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-L') dirs.push(args[++i]);
    else if (args[i].startsWith('-L')) dirs.push(args[i].slice(2));
    else if (SEPARATE_VALUE.has(args[i])) i++;
  }
  const findLib = (lib) => {
    const file = lib.startsWith(':') ? lib.slice(1) : `lib${lib}.a`;
    const candidates = [...dirs.map((d) => `${d.replace(/\/+$/, '')}/${file}`), file];
    const found = candidates.find((c) => existsSync(resolve(cwd, c)));
    if (!found) throw new Error(`library -l${lib} not found in ${dirs.join(', ') || 'no -L directory'}`);
    return found;
  };
  const flags = [];
  const files = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-o') i++;
    else if (a === '-L' || a.startsWith('-L')) i += a === '-L' ? 1 : 0;
    else if (a === '-l') files.push(findLib(args[++i]));
    else if (a.startsWith('-l')) files.push(findLib(a.slice(2)));
    else if (SEPARATE_VALUE.has(a)) flags.push(a, args[++i]);
    else if (a.startsWith('-')) flags.push(a);
    else files.push(a);
  }
  return { flags, files };
}

/** The files a wasm-ld command line reads (see splitLinkLine) as `[{name, bytes}]`. */
export function gatherFiles(args, cwd) {
  const { files } = splitLinkLine(args, cwd);
  return [...new Set(files)].map((name) => ({ name, bytes: readFileSync(resolve(cwd, name)) }));
}

/** `args` with the value of `-o` replaced by `output`. */
export function withOutput(args, output) {
  const i = args.indexOf('-o');
  if (i < 0) return [...args, '-o', output];
  const copy = [...args];
  copy[i + 1] = output;
  return copy;
}

/** Runs a module under the wasmtime CLI. */
export function wasmtimeRun(wasm, { args = [], dirs = [] } = {}) {
  const flags = dirs.flatMap((d) => ['--dir', d]);
  return run(requireTool('wasmtime'), ['run', ...flags, wasm, ...args], { allowFailure: true, timeout: 120_000 });
}

// ---------------------------------------------------------------------------------------------
// SQLite, as the root differential suite builds it (tests/common/mod.rs, tests/differential.rs):
// the amalgamation from the crates.io crate libsqlite3-sys, fetched with cargo at test time.

/** Keep in step with `LIBSQLITE3_SYS` in tests/common/mod.rs. */
export const LIBSQLITE3_SYS = '=0.39.1';
/** Keep in step with `SQLITE_DEFINES` in tests/common/mod.rs. */
export const SQLITE_DEFINES = [
  '-DSQLITE_THREADSAFE=0',
  '-DSQLITE_OMIT_LOAD_EXTENSION',
  '-DSQLITE_DEFAULT_FOREIGN_KEYS=1',
  '-DSQLITE_ENABLE_FTS5',
  '-DSQLITE_ENABLE_RTREE',
  '-DSQLITE_ENABLE_MATH_FUNCTIONS',
  '-DHAVE_LOCALTIME_R',
  '-DLONGDOUBLE_TYPE=double',
  '-D_WASI_EMULATED_MMAN',
  '-D_WASI_EMULATED_GETPID',
  '-D_WASI_EMULATED_SIGNAL',
  '-D_WASI_EMULATED_PROCESS_CLOCKS',
];
/** Keep in step with `SQLITE_LIBS` in tests/common/mod.rs. */
export const SQLITE_LIBS = ['-lwasi-emulated-mman', '-lwasi-emulated-getpid', '-lwasi-emulated-signal', '-lwasi-emulated-process-clocks'];

/** Fetches libsqlite3-sys with cargo (a throwaway manifest under `work`); returns its `sqlite3/` dir. */
export function sqliteSourceDir(work) {
  const cargo = process.env.CARGO || requireTool('cargo');
  const proj = join(work, 'sqlite-fetch');
  mkdirSync(join(proj, 'src'), { recursive: true });
  const manifest = join(proj, 'Cargo.toml');
  const text =
    '# Generated by js/scripts/toolchain.mjs: only used to fetch the SQLite amalgamation.\n' +
    '[package]\nname = "sqlite-fetch"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n' +
    `[dependencies]\nlibsqlite3-sys = { version = "${LIBSQLITE3_SYS}", default-features = false }\n\n[workspace]\n`;
  if (!existsSync(manifest) || readFileSync(manifest, 'utf8') !== text) writeFileSync(manifest, text);
  if (!existsSync(join(proj, 'src', 'lib.rs'))) writeFileSync(join(proj, 'src', 'lib.rs'), '');
  run(cargo, ['fetch', '--manifest-path', manifest], { cwd: proj, timeout: 1_200_000 });
  const meta = JSON.parse(
    run(cargo, ['metadata', '--format-version', '1', '--offline', '--manifest-path', manifest], { cwd: proj }).stdout,
  );
  const pkg = meta.packages.find((p) => p.name === 'libsqlite3-sys');
  if (!pkg) throw new Error('libsqlite3-sys not found in cargo metadata');
  const dir = join(dirname(pkg.manifest_path), 'sqlite3');
  if (!existsSync(join(dir, 'sqlite3.c'))) throw new Error(`${dir} has no sqlite3.c`);
  return dir;
}

/**
 * The SQLite objects of the differential suite: `driver.o` (tests/programs/sqlite/driver.c) and
 * `sqlite3.o` (the amalgamation), both `-O1` with SQLITE_DEFINES. Reuses the objects the Rust
 * suite cached under `<target>/difftest/sqlite/obj/` when both are there, else compiles them
 * (cached) under `work`.
 */
export function sqliteObjects(work, repoRoot) {
  const cached = join(targetDir(), 'difftest', 'sqlite', 'obj');
  const driverCached = join(cached, 'driver.c.o');
  const amalgamationCached = join(cached, 'ext__sqlite3.c.o');
  if (existsSync(driverCached) && existsSync(amalgamationCached) && existsSync(`${amalgamationCached}.key`)) {
    return { driver: driverCached, sqlite3: amalgamationCached, reused: true };
  }
  const dir = sqliteSourceDir(work);
  const flags = ['-O1', `-I${dir}`, ...SQLITE_DEFINES];
  const objDir = join(work, 'obj', 'sqlite');
  const driver = compileC(join(repoRoot, 'tests', 'programs', 'sqlite', 'driver.c'), join(objDir, 'driver.o'), flags, [
    join(dir, 'sqlite3.h'),
  ]);
  const sqlite3 = compileC(join(dir, 'sqlite3.c'), join(objDir, 'sqlite3.o'), flags, [join(dir, 'sqlite3.h')]);
  return { driver, sqlite3, reused: false };
}

/** Makes `<dir>/lib<name>.a` (with a symbol index) from `members` with llvm-ar-19. */
export function makeArchive(dir, name, members) {
  mkdirSync(dir, { recursive: true });
  const lib = join(dir, `lib${name}.a`);
  rmSync(lib, { force: true });
  run(requireTool('llvm-ar-19'), ['rcs', lib, ...members]);
  return lib;
}
