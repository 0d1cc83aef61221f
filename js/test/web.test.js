// The web page (web/index.html) end to end in headless Chromium, driven by playwright-core and
// served from 127.0.0.1: it links the bundled example in the page (the page's download compared
// byte for byte with the native binary's output, then run under wasmtime), shows diagnostics for
// a failing link, and links files given to its file picker. Then the package bundled for the
// browser by rolldown links the example in a bare page. Screenshots go to <test output dir>/web/.
// Chromium is required: a missing one fails the run (scripts/setup.sh installs it).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { EXAMPLE_DIR, PACKAGE_DIR } from '../scripts/paths.mjs';
import { serve } from '../scripts/serve.mjs';
import { run, wasmtimeRun } from '../scripts/toolchain.mjs';
import { HELLO_STDOUT, nativeBinary, outDir } from './support.js';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const CHROMIUM_MISSING =
  `Chromium not found at ${CHROMIUM}: the browser test needs it. Install it with ` +
  '`apt-get install -y chromium` (scripts/setup.sh does), or set CHROMIUM_PATH.';

// A failing test of its own (not only a failed hook), so that the run counts a failure.
test('Chromium is installed', () => {
  assert.ok(existsSync(CHROMIUM), CHROMIUM_MISSING);
});

describe('web page in headless Chromium', () => {
  let server;
  let url;
  let context;
  let profile;
  let page;
  let out;
  const pageErrors = [];

  before(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(CHROMIUM_MISSING);
    if (!existsSync(join(PACKAGE_DIR, 'dist', 'wasmlink.js'))) {
      throw new Error('js/dist/wasmlink.js is missing: run `npm run build` in js/ first.');
    }
    if (!existsSync(join(EXAMPLE_DIR, 'manifest.json'))) {
      throw new Error('js/web/example/ is missing: run `npm run build:example` in js/ (npm test does).');
    }
    out = outDir('web');
    ({ server, url } = await serve());
    const { chromium } = await import('playwright-core');
    profile = mkdtempSync(join(tmpdir(), 'wasmlink-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      acceptDownloads: true,
      viewport: { width: 1100, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(`console.error: ${m.text()} (${m.location().url})`);
    });
    await page.goto(`${url}/web/`);
    await page.waitForSelector('body[data-ready]', { state: 'attached', timeout: 60_000 });
    assert.equal(
      await page.getAttribute('body', 'data-ready'),
      'true',
      `linker did not load: ${await page.textContent('#linker-state')} ${pageErrors.join('\n')}`,
    );
  });

  after(async () => {
    await context?.close();
    await new Promise((r) => (server ? server.close(r) : r()));
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function linkInPage() {
    await page.click('#link');
    await page.waitForSelector('body[data-state="linked"], body[data-state="failed"]', { state: 'attached', timeout: 60_000 });
    return page.getAttribute('body', 'data-state');
  }

  /** The bundled example linked by the native binary with the manifest's flags and files. */
  function nativeExample() {
    const manifest = JSON.parse(readFileSync(join(EXAMPLE_DIR, 'manifest.json'), 'utf8'));
    // Same file name as the page's output: the module is named after it.
    mkdirSync(join(out, 'native'), { recursive: true });
    const nativePath = join(out, 'native', manifest.output);
    run(nativeBinary(), [...manifest.flags, ...manifest.files, '-o', nativePath], { cwd: EXAMPLE_DIR });
    return readFileSync(nativePath);
  }

  /** What the page shows of the last link, for assertion messages. */
  const shown = () => page.textContent('#result');

  const column = (table, i) =>
    page.$$eval(`#${table} tbody tr`, (rows, i) => rows.map((r) => r.cells[i].textContent), i);

  test('links the bundled example and offers the module for download', async () => {
    await page.click('#load-example');
    await page.waitForFunction(() => document.querySelectorAll('#file-list li').length === 4);
    assert.equal(await linkInPage(), 'linked', await shown());

    const exportNames = await column('exports', 0);
    assert.ok(exportNames.includes('_start'), `exports: ${exportNames}`);
    assert.ok(exportNames.includes('memory'), `exports: ${exportNames}`);
    const importNames = await column('imports', 1);
    assert.ok(importNames.includes('fd_write'), `imports: ${importNames}`);
    const size = Number(await page.getAttribute('#size', 'data-bytes'));
    await page.screenshot({ path: join(out, 'linked.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    assert.equal(download.suggestedFilename(), 'hello.wasm');
    const saved = join(out, 'hello.page.wasm');
    await download.saveAs(saved);
    const bytes = readFileSync(saved);
    assert.equal(bytes.length, size);

    // The same inputs and flags through the native binary give the same bytes.
    assert.ok(bytes.equals(nativeExample()), `the page's module differs from ${join(out, 'hello.native.wasm')}`);
    const r = wasmtimeRun(saved);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, HELLO_STDOUT);
  });

  test('shows structured diagnostics when the link fails', async () => {
    // Without libc.a, printf and qsort are undefined.
    await page.click('#file-list li[data-name="libc.a"] button.remove');
    await page.waitForFunction(() => document.querySelectorAll('#file-list li').length === 3);
    assert.equal(await linkInPage(), 'failed');
    assert.match(await page.textContent('#status'), /Link failed: \d+ errors?/);
    const items = await page.$$eval('#diagnostics li', (lis) =>
      lis.map((li) => ({
        severity: li.className,
        message: li.querySelector('.message').textContent,
        file: li.querySelector('.meta .file')?.dataset.value,
        symbol: li.querySelector('.meta .symbol')?.dataset.value,
      })),
    );
    const printf = items.find((d) => d.symbol === 'printf');
    assert.ok(printf, JSON.stringify(items, null, 1));
    assert.equal(printf.severity, 'error');
    assert.equal(printf.message, "hello.o: undefined symbol: printf");
    assert.equal(printf.file, 'hello.o');
    for (const id of ['#download-row', '#summary', '#tables']) {
      assert.equal(await page.isHidden(id), true, `${id} hidden after a failed link`);
    }
    await page.screenshot({ path: join(out, 'diagnostics.png'), fullPage: true });
  });

  test('links files chosen with the file picker', async () => {
    await page.click('#clear');
    const manifest = JSON.parse(readFileSync(join(EXAMPLE_DIR, 'manifest.json'), 'utf8'));
    await page.setInputFiles('#files', manifest.files.map((f) => join(EXAMPLE_DIR, f)));
    await page.waitForFunction((n) => document.querySelectorAll('#file-list li').length === n, manifest.files.length);
    await page.fill('#flags', '--export=main');
    assert.equal(await linkInPage(), 'linked', await shown());
    const exportNames = await column('exports', 0);
    assert.ok(exportNames.includes('_start') && exportNames.includes('main'), `exports: ${exportNames}`);
    assert.deepEqual(pageErrors, []);
  });

  test('a browser bundle of the package (rolldown, platform browser) links the example', async () => {
    const { build } = await import('rolldown');
    const dir = join(out, 'bundle');
    rmSync(dir, { recursive: true, force: true });
    await build({
      input: fileURLToPath(new URL('./fixtures/bundle-entry.js', import.meta.url)),
      platform: 'browser',
      logLevel: 'silent',
      output: { dir, format: 'esm', entryFileNames: 'app.js' },
    });
    const bundle = readFileSync(join(dir, 'app.js'), 'utf8');
    assert.ok(bundle.includes('preview2-shim/dist/browser/'), "the bundle has the shim's browser build");
    // The core module is loaded with new URL('./wasmlink.core.wasm', import.meta.url): an asset.
    copyFileSync(join(PACKAGE_DIR, 'dist', 'wasmlink.core.wasm'), join(dir, 'wasmlink.core.wasm'));
    const manifest = JSON.parse(readFileSync(join(EXAMPLE_DIR, 'manifest.json'), 'utf8'));
    mkdirSync(join(dir, 'in'), { recursive: true });
    for (const f of manifest.files) copyFileSync(join(EXAMPLE_DIR, f), join(dir, 'in', f));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>bundle</title><link rel="icon" href="data:,"><body><script type="module" src="app.js"></script></body>');
    const bundled = await serve({ root: dir });
    try {
      const p = await context.newPage();
      const errors = [];
      p.on('pageerror', (e) => errors.push(e.message));
      await p.goto(`${bundled.url}/index.html`);
      await p.waitForSelector('body[data-ready]', { state: 'attached', timeout: 60_000 });
      const result = await p.evaluate(async ({ flags, files, output }) => {
        const inputs = await Promise.all(
          files.map(async (name) => ({ name, bytes: new Uint8Array(await (await fetch(`in/${name}`)).arrayBuffer()) })),
        );
        const { module } = window.wasmlink.linkArgs([...flags, ...files, '-o', output], inputs);
        let failure;
        try {
          window.wasmlink.linkArgs(['crt1-command.o', 'hello.o'], inputs);
        } catch (e) {
          failure = e instanceof window.wasmlink.LinkError ? e.diagnostics.map((d) => d.symbol) : String(e);
        }
        const digest = [...new Uint8Array(await crypto.subtle.digest('SHA-256', module))];
        const sha256 = digest.map((b) => b.toString(16).padStart(2, '0')).join('');
        const exports = WebAssembly.Module.exports(new WebAssembly.Module(module)).map((e) => e.name);
        return { sha256, exports, failure };
      }, manifest);
      await p.close();
      assert.deepEqual(errors, []);
      assert.equal(result.sha256, createHash('sha256').update(nativeExample()).digest('hex'), 'same bytes as the native binary');
      assert.ok(result.exports.includes('_start') && result.exports.includes('memory'), result.exports.join(' '));
      assert.ok(Array.isArray(result.failure) && result.failure.includes('printf'), JSON.stringify(result.failure));
    } finally {
      await new Promise((r) => bundled.server.close(r));
    }
  });
});
