// Where things are: the repository, cargo's target directory, the component and the native binary.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `js/` folder (the npm package root). */
export const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The repository root (the cargo workspace). */
export const REPO_ROOT = resolve(PACKAGE_DIR, '..');

/** Cargo's target directory: `$CARGO_TARGET_DIR` (relative to the repo root) or `<repo>/target`. */
export function targetDir() {
  const env = process.env.CARGO_TARGET_DIR;
  return env ? resolve(REPO_ROOT, env) : join(REPO_ROOT, 'target');
}

/** The component to transpile: `$WASMLINK_COMPONENT`, else cargo's `component` profile output. */
export function componentPath() {
  const env = process.env.WASMLINK_COMPONENT;
  return env ? resolve(env) : join(targetDir(), 'wasm32-wasip2', 'component', 'wasmlink.wasm');
}

/** The native binary (`cargo build --release -p wasmlink`). */
export function nativeBinaryPath() {
  return join(targetDir(), 'release', 'wasmlink');
}

/** Where the tests write what they make (objects, modules, screenshots). */
export function testOutputDir() {
  const env = process.env.WASMLINK_JS_TEST_OUT;
  if (env) return resolve(env);
  const target = targetDir();
  return existsSync(target) ? join(target, 'js-test') : join(PACKAGE_DIR, 'test-output');
}

/** The generated files of the web page's bundled example. */
export const EXAMPLE_DIR = join(PACKAGE_DIR, 'web', 'example');
