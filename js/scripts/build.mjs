// `npm run build`: transpiles the wasmlink component with jco into dist/ (JS bindings, the core
// wasm module, TypeScript declarations). The component comes from
//   cargo build --profile component --target wasm32-wasip2 -p wasmlink
// at $CARGO_TARGET_DIR/wasm32-wasip2/component/wasmlink.wasm (or target/...), or from
// $WASMLINK_COMPONENT.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PACKAGE_DIR, componentPath } from './paths.mjs';

const component = componentPath();
if (!existsSync(component)) {
  console.error(
    `js build: the component ${component} does not exist.\n` +
      'Build it first: cargo build --profile component --target wasm32-wasip2 -p wasmlink\n' +
      '(or point WASMLINK_COMPONENT at a wasmlink component).',
  );
  process.exit(1);
}

const jcoBin = join(PACKAGE_DIR, 'node_modules', '.bin', 'jco');
if (!existsSync(jcoBin)) {
  console.error('js build: jco is not installed: run `npm install` in js/ first.');
  process.exit(1);
}
const dist = join(PACKAGE_DIR, 'dist');
rmSync(dist, { recursive: true, force: true });

const args = ['transpile', component, '--name', 'wasmlink', '--out-dir', dist, '--quiet'];
console.log(`+ jco transpile ${component} -> ${relative(process.cwd(), dist) || '.'}/`);
execFileSync(jcoBin, args, { stdio: 'inherit' });

for (const f of ['wasmlink.js', 'wasmlink.d.ts', 'wasmlink.core.wasm']) {
  if (!existsSync(join(dist, f))) {
    console.error(`js build: jco did not write dist/${f}`);
    process.exit(1);
  }
}
const kib = (f) => (statSync(join(dist, f)).size / 1024).toFixed(0);
console.log(`dist/wasmlink.js ${kib('wasmlink.js')} KiB, dist/wasmlink.core.wasm ${kib('wasmlink.core.wasm')} KiB`);
