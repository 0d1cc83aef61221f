// @wasmlink/linker: the wasmlink component (transpiled by jco into ./dist/) as two functions,
// bytes in, bytes and diagnostics out. Works in Node (ESM) and in browsers (the component's WASI
// imports come from @bytecodealliance/preview2-shim, whose package exports pick its browser
// build for bundlers; a page without a bundler maps them with an import map: see README.md).
import { link as component } from './dist/wasmlink.js';

const OPTION_DEFAULTS = Object.freeze({
  kind: 'executable',
  entry: undefined,
  noEntry: false,
  exports: [],
  exportDynamic: false,
  undefined: 'report-error',
  importMemory: false,
  sharedMemory: false,
  initialMemory: undefined,
  maxMemory: undefined,
  stackSize: undefined,
  stackFirst: false,
  globalBase: undefined,
  gc: true,
  stripDebug: false,
  stripAll: false,
  args: [],
});
const U64_OPTIONS = ['initialMemory', 'maxMemory', 'stackSize', 'globalBase'];
const UNDEFINED_POLICIES = ['report-error', 'warn', 'ignore', 'import-dynamic'];
const OUTPUT_KINDS = ['executable', 'pie', 'shared-library', 'relocatable'];

/** Thrown when a link fails: `diagnostics` holds every problem found. */
export class LinkError extends Error {
  constructor(diagnostics) {
    super(formatDiagnostics(diagnostics) || 'link failed');
    this.name = 'LinkError';
    this.diagnostics = diagnostics;
  }
}

/** The diagnostics as wasm-ld prints them: `wasmlink: error: ...`, one per line. */
export function formatDiagnostics(diagnostics, program = 'wasmlink') {
  return diagnostics.map((d) => `${program}: ${d.severity}: ${d.message}`).join('\n');
}

function toBytes(bytes, name) {
  if (bytes instanceof Uint8Array) return bytes;
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  if (ArrayBuffer.isView(bytes)) return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  throw new TypeError(`input ${JSON.stringify(name)}: bytes must be a Uint8Array, ArrayBuffer or typed array`);
}

function toInputs(files, what) {
  if (!Array.isArray(files)) throw new TypeError(`${what} must be an array of {name, bytes}`);
  return files.map((f, i) => {
    if (!f || typeof f.name !== 'string') throw new TypeError(`${what}[${i}].name must be a string`);
    return { name: f.name, bytes: toBytes(f.bytes, f.name) };
  });
}

function toU64(value, key) {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'bigint') return value;
  if (Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  throw new TypeError(`options.${key} must be a non-negative integer or bigint`);
}

function toOptions(options) {
  if (options === undefined || options === null) options = {};
  if (typeof options !== 'object') throw new TypeError('options must be an object');
  for (const key of Object.keys(options)) {
    if (!(key in OPTION_DEFAULTS)) throw new TypeError(`unknown option ${JSON.stringify(key)}`);
  }
  const o = { ...OPTION_DEFAULTS, ...options };
  for (const key of U64_OPTIONS) o[key] = toU64(o[key], key);
  if (o.entry === null) o.entry = undefined;
  if (!OUTPUT_KINDS.includes(o.kind)) {
    throw new TypeError(`options.kind must be one of ${OUTPUT_KINDS.join(', ')}`);
  }
  if (!UNDEFINED_POLICIES.includes(o.undefined)) {
    throw new TypeError(`options.undefined must be one of ${UNDEFINED_POLICIES.join(', ')}`);
  }
  for (const key of ['exports', 'args']) {
    if (!Array.isArray(o[key]) || o[key].some((v) => typeof v !== 'string')) {
      throw new TypeError(`options.${key} must be an array of strings`);
    }
    o[key] = [...o[key]];
  }
  return o;
}

function toDiagnostic(d) {
  const out = { severity: d.severity, message: d.message };
  if (d.file !== undefined) out.file = d.file;
  if (d.symbol !== undefined) out.symbol = d.symbol;
  if (d.offset !== undefined) out.offset = Number(d.offset);
  return out;
}

function call(fn) {
  let output;
  try {
    output = fn();
  } catch (e) {
    // jco throws a ComponentError whose payload is the WIT `result`'s error value.
    if (e && Array.isArray(e.payload)) throw new LinkError(e.payload.map(toDiagnostic));
    throw e;
  }
  return { module: output.module, diagnostics: output.diagnostics.map(toDiagnostic) };
}

/**
 * Links `inputs` (objects and archives, in order) with typed options.
 * @returns {{module: Uint8Array, diagnostics: object[]}} the module and any warnings
 * @throws {LinkError} with `.diagnostics` when the link fails
 */
export function link(inputs, options = {}) {
  const files = toInputs(inputs, 'inputs');
  const opts = toOptions(options);
  return call(() => component.link(files, opts));
}

/**
 * Links from a wasm-ld command line whose file arguments, `@response` files and `-l` libraries
 * (found as `<-L dir>/lib<name>.a`) name entries of `files`. `-o` is accepted and ignored.
 * @returns {{module: Uint8Array, diagnostics: object[]}} the module and any warnings
 * @throws {LinkError} with `.diagnostics` when the link fails
 */
export function linkArgs(args, files = []) {
  if (!Array.isArray(args) || args.some((a) => typeof a !== 'string')) {
    throw new TypeError('args must be an array of strings');
  }
  const inputs = toInputs(files, 'files');
  return call(() => component.linkArgs([...args], inputs));
}
