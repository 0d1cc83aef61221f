// The page's script: keeps the chosen inputs, links them in the page with @wasmlink/linker's
// linkArgs (the transpiled component), shows the diagnostics or the module's size, imports and
// exports, and offers the module as a download.
const $ = (id) => document.getElementById(id);

/** The inputs, in link order: [{name, bytes}]. */
let files = [];
let linker = null;
let downloadUrl = null;

function formatSize(n) {
  return n.toLocaleString('en-US');
}

function renderFiles() {
  const list = $('file-list');
  list.replaceChildren();
  for (const [i, f] of files.entries()) {
    const li = document.createElement('li');
    li.dataset.name = f.name;
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = f.name;
    const size = document.createElement('span');
    size.className = 'size';
    size.textContent = `${formatSize(f.bytes.byteLength)} bytes`;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'remove';
    remove.title = `Remove ${f.name}`;
    remove.textContent = 'remove';
    remove.addEventListener('click', () => {
      files.splice(i, 1);
      renderFiles();
    });
    li.append(name, size, remove);
    list.append(li);
  }
  $('no-files').hidden = files.length > 0;
  $('link').disabled = !linker || files.length === 0;
}

/** Adds or replaces (same name) an input. */
function addFile(name, bytes) {
  const i = files.findIndex((f) => f.name === name);
  if (i >= 0) files[i] = { name, bytes };
  else files.push({ name, bytes });
}

$('files').addEventListener('change', async (ev) => {
  for (const file of ev.target.files) addFile(file.name, new Uint8Array(await file.arrayBuffer()));
  ev.target.value = '';
  renderFiles();
});

$('clear').addEventListener('click', () => {
  files = [];
  $('flags').value = '';
  $('output-name').value = 'a.out.wasm';
  clearResult();
  $('result').hidden = true;
  renderFiles();
});

$('load-example').addEventListener('click', async () => {
  const state = $('linker-state');
  try {
    const res = await fetch('example/manifest.json');
    if (!res.ok) throw new Error(`example/manifest.json: HTTP ${res.status} (run \`npm run build:example\`)`);
    const manifest = await res.json();
    const loaded = await Promise.all(
      manifest.files.map(async (name) => {
        const r = await fetch(`example/${encodeURIComponent(name)}`);
        if (!r.ok) throw new Error(`example/${name}: HTTP ${r.status}`);
        return { name, bytes: new Uint8Array(await r.arrayBuffer()) };
      }),
    );
    files = loaded;
    $('flags').value = manifest.flags.join(' ');
    $('output-name').value = manifest.output;
    renderFiles();
    state.textContent = `Loaded the bundled example (${manifest.source}, compiled by clang-19).`;
  } catch (e) {
    state.textContent = `Could not load the example: ${e.message}`;
  }
});

function clearResult() {
  for (const id of ['summary', 'download-row', 'diagnostics-block', 'tables']) $(id).hidden = true;
  $('diagnostics').replaceChildren();
  $('imports').tBodies[0].replaceChildren();
  $('exports').tBodies[0].replaceChildren();
  if (downloadUrl) URL.revokeObjectURL(downloadUrl);
  downloadUrl = null;
}

function showDiagnostics(diagnostics) {
  const ul = $('diagnostics');
  for (const d of diagnostics) {
    const li = document.createElement('li');
    li.className = d.severity;
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.textContent = d.severity;
    const pre = document.createElement('pre');
    pre.className = 'message';
    pre.textContent = d.message;
    li.append(badge, pre);
    const meta = [];
    if (d.file !== undefined) meta.push(['file', d.file]);
    if (d.symbol !== undefined) meta.push(['symbol', d.symbol]);
    if (d.offset !== undefined) meta.push(['offset', `0x${d.offset.toString(16)}`]);
    if (meta.length) {
      const div = document.createElement('div');
      div.className = 'meta';
      for (const [i, [k, v]] of meta.entries()) {
        const span = document.createElement('span');
        span.className = k;
        span.dataset.value = v;
        span.textContent = `${k}: ${v}`;
        if (i) div.append(document.createTextNode(' · '));
        div.append(span);
      }
      li.append(div);
    }
    ul.append(li);
  }
  $('diagnostics-block').hidden = diagnostics.length === 0;
}

function fillTable(table, rows) {
  const body = table.tBodies[0];
  for (const cells of rows) {
    const tr = document.createElement('tr');
    for (const c of cells) {
      const td = document.createElement('td');
      td.textContent = c;
      tr.append(td);
    }
    body.append(tr);
  }
}

async function doLink() {
  const status = $('status');
  clearResult();
  $('result').hidden = false;
  status.className = '';
  status.textContent = 'Linking…';
  document.body.dataset.state = 'linking';
  await new Promise((r) => setTimeout(r, 0)); // let the page paint first
  const flags = $('flags').value.split(/\s+/).filter(Boolean);
  // `-o` names the module in its name section, as a native link to that file would.
  const output = $('output-name').value.trim() || 'a.out.wasm';
  const args = [...flags, ...files.map((f) => f.name), '-o', output];
  $('command').textContent = `wasm-ld ${args.join(' ')}`;
  const t0 = performance.now();
  try {
    const { module, diagnostics } = linker.linkArgs(args, files);
    const ms = performance.now() - t0;
    const compiled = await WebAssembly.compile(module);
    const imports = WebAssembly.Module.imports(compiled);
    const exports = WebAssembly.Module.exports(compiled);
    status.className = 'ok';
    status.textContent = diagnostics.length
      ? `Linked, with ${diagnostics.length} warning${diagnostics.length > 1 ? 's' : ''}.`
      : 'Linked.';
    $('size').textContent = formatSize(module.byteLength);
    $('size').dataset.bytes = String(module.byteLength);
    $('time').textContent = ms.toFixed(0);
    $('summary').hidden = false;
    showDiagnostics(diagnostics);
    fillTable($('imports'), imports.map((i) => [i.module, i.name, i.kind]));
    fillTable($('exports'), exports.map((e) => [e.name, e.kind]));
    $('import-count').textContent = imports.length;
    $('export-count').textContent = exports.length;
    $('tables').hidden = false;
    downloadUrl = URL.createObjectURL(new Blob([module], { type: 'application/wasm' }));
    const a = $('download');
    a.href = downloadUrl;
    a.download = output;
    a.textContent = `Download ${a.download}`;
    $('download-row').hidden = false;
    document.body.dataset.state = 'linked';
  } catch (e) {
    status.className = 'error';
    if (e instanceof linker.LinkError) {
      const n = e.diagnostics.filter((d) => d.severity === 'error').length;
      status.textContent = `Link failed: ${n} error${n === 1 ? '' : 's'}.`;
      showDiagnostics(e.diagnostics);
    } else {
      status.textContent = `Link failed: ${e && e.message ? e.message : e}`;
    }
    document.body.dataset.state = 'failed';
  }
}

$('link').addEventListener('click', () => {
  if (linker && files.length) doLink();
});

try {
  linker = await import('../index.js');
  $('linker-state').textContent = 'Linker ready.';
  document.body.dataset.ready = 'true';
} catch (e) {
  $('linker-state').textContent = `Could not load the linker (run \`npm run build\`): ${e.message}`;
  document.body.dataset.ready = 'error';
}
renderFiles();
