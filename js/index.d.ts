// Types of @wasmlink/linker (index.js). The component's own generated declarations are in
// dist/wasmlink.d.ts and dist/interfaces/ (the raw WIT shapes, u64 as bigint).

/** One input: an object file (`.o`) or an archive (`.a`). `name` is how diagnostics refer to it
 * and how `linkArgs` (file arguments, `@response` files, `-l` libraries) finds it. */
export interface InputFile {
  name: string;
  bytes: Uint8Array | ArrayBuffer | ArrayBufferView;
}

export type Severity = 'error' | 'warning';

/** One problem, in the words wasm-ld would use. */
export interface Diagnostic {
  severity: Severity;
  /** The whole message, including any `>>>` lines. */
  message: string;
  /** The input concerned, as `a.o` or `libx.a(member.o)`. */
  file?: string;
  /** The symbol concerned. */
  symbol?: string;
  /** Byte offset inside `file` where the problem was found. */
  offset?: number;
}

/** What undefined symbols become. */
export type UndefinedPolicy =
  /** An error (the default). */
  | 'report-error'
  /** A warning; calls trap at run time. */
  | 'warn'
  /** Nothing; calls trap at run time. */
  | 'ignore'
  /** Imports from the environment (`--allow-undefined`). */
  | 'import-dynamic';

/** What the link makes. */
export type OutputKind =
  /** A module at a fixed address (the default). */
  | 'executable'
  /** A position-independent main module for a dynamic loader (`-pie`). */
  | 'pie'
  /** A side module with `dylink.0` (`-shared`). */
  | 'shared-library'
  /** An object file to link again (`-r`). */
  | 'relocatable';

/** The common choices as typed fields (all optional); `args` takes any other wasm-ld flag. */
export interface LinkOptions {
  /** Default `'executable'`. */
  kind?: OutputKind;
  /** Entry point symbol (`--entry`). Default `_start`. */
  entry?: string | null;
  /** `--no-entry`. */
  noEntry?: boolean;
  /** Symbols to export (`--export`). */
  exports?: string[];
  /** Export every non-hidden symbol (`--export-dynamic`). */
  exportDynamic?: boolean;
  /** Default `'report-error'`. */
  undefined?: UndefinedPolicy;
  /** Import the memory from `env.memory` (`--import-memory`). */
  importMemory?: boolean;
  /** `--shared-memory`. */
  sharedMemory?: boolean;
  /** Initial and maximum memory in bytes (`--initial-memory`, `--max-memory`). */
  initialMemory?: number | bigint;
  maxMemory?: number | bigint;
  /** `-z stack-size=`. */
  stackSize?: number | bigint;
  /** Put the stack before the data (`--stack-first`). */
  stackFirst?: boolean;
  /** `--global-base=`. */
  globalBase?: number | bigint;
  /** Garbage-collect unused code and data (default true; false is `--no-gc-sections`). */
  gc?: boolean;
  /** `--strip-debug` and `--strip-all`. */
  stripDebug?: boolean;
  stripAll?: boolean;
  /** Further wasm-ld flags and file names (names refer to the inputs). */
  args?: string[];
}

/** A linked module and the warnings found on the way. */
export interface LinkResult {
  module: Uint8Array;
  diagnostics: Diagnostic[];
}

/** Thrown when a link fails. */
export class LinkError extends Error {
  name: 'LinkError';
  /** Every problem found (errors, and warnings seen before them). */
  diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]);
}

/** Links `inputs` (objects and archives, in this order) with typed options.
 * @throws {LinkError} when the link fails. */
export function link(inputs: InputFile[], options?: LinkOptions): LinkResult;

/** Links from a whole wasm-ld command line whose file arguments, `@response` files and `-l`
 * libraries (found as `<-L dir>/lib<name>.a`) name entries of `files`. `-o` is accepted and
 * ignored: the module is returned.
 * @throws {LinkError} when the link fails. */
export function linkArgs(args: string[], files?: InputFile[]): LinkResult;

/** The diagnostics as wasm-ld prints them (`wasmlink: error: ...`), one per line. */
export function formatDiagnostics(diagnostics: Diagnostic[], program?: string): string;
