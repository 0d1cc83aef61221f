//! Link options: what a wasm-ld command line means, as plain data. The
//! command-line parser (`args`) and the component's typed options both
//! produce this.

/// What to do with a symbol that is referenced but never defined
/// (`--unresolved-symbols=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnresolvedPolicy {
    ReportError,
    Warn,
    Ignore,
    ImportDynamic,
}

/// One input as named on the command line, in order. Files are looked up by
/// name in the inputs handed to the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputArg {
    /// A file name (object or archive).
    File(String),
    /// `-lfoo`: resolved by the front end to a file name; kept for messages.
    Library(String),
    /// `-Bdynamic` (true) or `-Bstatic`: whether the `-l` options after it also look for
    /// `libfoo.so`. PIC links start dynamic.
    Dynamic(bool),
    WholeArchive(bool),
    /// `--start-lib` / `--end-lib`: objects in between act as archive members.
    StartLib,
    EndLib,
}

/// What the link produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputKind {
    /// A module with its memory laid out at fixed addresses (the default).
    Executable,
    /// `-pie`: a main module for a dynamic loader, relocated at load time (not built yet).
    Pie,
    /// `-shared`: a side module with `dylink.0` (not built yet).
    SharedLibrary,
    /// `-r`: an object file for another link (not built yet).
    Relocatable,
}

impl OutputKind {
    /// Position-independent output: addresses relative to `__memory_base` and `__table_base`.
    pub fn is_pic(self) -> bool {
        matches!(self, OutputKind::Pie | OutputKind::SharedLibrary)
    }
}

/// The memory's address width (`-m wasm32` / `-m wasm64`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressWidth {
    Wasm32,
    /// memory64: 64-bit addresses, an i64 `__stack_pointer`, a table64 function table.
    Wasm64,
}

impl AddressWidth {
    pub fn is64(self) -> bool {
        self == AddressWidth::Wasm64
    }

    /// The value type of an address.
    pub fn ptr_type(self) -> wasmparser::ValType {
        if self.is64() { wasmparser::ValType::I64 } else { wasmparser::ValType::I32 }
    }

    /// Most bytes a memory may have (wasm-ld's `maxMemorySetting`).
    pub fn max_memory(self) -> u64 {
        if self.is64() { 1 << 34 } else { 1 << 32 }
    }
}

/// One `--wrap`: the symbol, the name of its wrapper (`__wrap_` + symbol), and the name that
/// reaches the symbol itself (`__real_` + symbol).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrap {
    pub symbol: String,
    pub wrapper: String,
    pub real: String,
}

impl Wrap {
    pub fn new(symbol: &str) -> Wrap {
        Wrap { symbol: symbol.to_string(), wrapper: format!("__wrap_{symbol}"), real: format!("__real_{symbol}") }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildId {
    None,
    /// 16 bytes: a version 5 UUID of an xxh3 tree hash of the module (as wasm-ld).
    Fast,
    /// 20 bytes of a SHA-1 tree hash of the module.
    Sha1,
    /// 16 random bytes, a version 4 UUID.
    Uuid,
    /// `--build-id=0x...`: these bytes.
    Hex(Vec<u8>),
}

#[derive(Debug, Clone)]
pub struct Config {
    pub inputs: Vec<InputArg>,
    /// `-o`: where the command line writes the module; its file name is the module's name in
    /// the name section (as wasm-ld), unless `--soname` gives one.
    pub output: Option<String>,
    /// `--soname`: the module name for the name section.
    pub soname: Option<String>,
    /// `None` means `--no-entry`.
    pub entry: Option<String>,
    pub exports: Vec<String>,
    pub exports_if_defined: Vec<String>,
    pub export_all: bool,
    pub export_dynamic: bool,
    pub export_table: bool,
    pub import_table: bool,
    pub growable_table: bool,
    pub table_base: Option<u64>,
    pub undefined: Vec<String>,
    /// `--wrap=foo`: references to `foo` go to `__wrap_foo`, and `__real_foo` to `foo`.
    pub wrap: Vec<Wrap>,
    /// Names that may stay undefined (`--allow-undefined-file`, a `libfoo.imports` beside
    /// `libfoo.a`), looked up for each reference to an undefined symbol.
    pub allow_undefined_symbols: rustc_hash::FxHashSet<String>,
    pub import_undefined: bool,
    pub unresolved: UnresolvedPolicy,
    pub allow_multiple_definition: bool,
    /// `--noinhibit-exec` (LLD 20): a duplicate definition is a warning, and the later one
    /// replaces the earlier, as lld's `errorOrWarn` goes on.
    pub noinhibit_exec: bool,
    pub fatal_warnings: bool,
    /// `--error-limit`: errors reported before stopping (0: all). lld's default is 20.
    pub error_limit: usize,
    pub gc_sections: bool,
    pub print_gc_sections: bool,
    pub merge_data_segments: bool,
    pub stack_size: u64,
    pub stack_first: bool,
    pub global_base: Option<u64>,
    pub initial_memory: u64,
    pub max_memory: u64,
    pub initial_heap: u64,
    pub no_growable_memory: bool,
    /// `--import-memory[=module,name]`.
    pub import_memory: Option<(String, String)>,
    /// `--export-memory[=name]`. Without it memory is exported as `memory`
    /// unless it is imported.
    pub export_memory: Option<String>,
    pub shared_memory: bool,
    pub check_features: bool,
    pub features: Option<Vec<String>>,
    pub extra_features: Vec<String>,
    pub strip_debug: bool,
    pub strip_all: bool,
    /// `--emit-relocs`: keep the relocations (and a symbol table) in the output.
    pub emit_relocs: bool,
    /// `--compress-relocations`: relocated LEB fields in code take their shortest form.
    pub compress_relocations: bool,
    /// `-O`: at 1 (the default) and above, strings are merged.
    pub optimize: u64,
    /// Names in diagnostics and the name section are demangled (`--no-demangle` turns it off).
    pub demangle: bool,
    pub keep_sections: rustc_hash::FxHashSet<String>,
    pub build_id: BuildId,
    pub kind: OutputKind,
    pub width: AddressWidth,
    /// `--rpath=`: runtime search paths of a PIC output's `dylink.0`.
    pub rpath: Vec<String>,
    /// `--page-size=`: the memory's page size in bytes (custom-page-sizes: 1 or 65536).
    pub page_size: u64,
    /// `-Bsymbolic`: a shared library binds its own definitions directly, not through the GOT.
    pub bsymbolic: bool,
    /// Check the signatures of functions from shared libraries (`--no-shlib-sigcheck` turns it off).
    pub shlib_sigcheck: bool,
    /// `--threads=N`: worker threads (None: all cores).
    pub threads: Option<usize>,
    /// `--verbose`: phase timings, as notes.
    pub verbose: bool,
    /// The caller exits once the output is written (the command line): the link's tables are
    /// left for the process's end to free, which is faster than freeing them one by one (lld's
    /// `exitLld` skips its destructors likewise). A library caller that links again keeps the
    /// default, `false`.
    pub exit_after_link: bool,
    /// `-Map=FILE` (`-` with `-M`/`--print-map`: stdout): the link map is made, returned in
    /// `Output::map` for the caller to write there.
    pub map_file: Option<String>,
    /// `--why-extract=FILE` (`-`: stdout): why each archive member was extracted, returned in
    /// `Linked::why_extract` for the caller to write there.
    pub why_extract: Option<String>,
    /// `-t`/`--trace`: each object's name as it joins the link, as notes.
    pub trace: bool,
    /// `-y NAME`/`--trace-symbol=NAME`: the definitions of and references to these names, as
    /// notes, in the order resolution meets them.
    pub trace_symbols: Vec<String>,
    /// Problems with the command line that are not errors (`unknown -z value`), reported by
    /// the link as warnings.
    pub arg_warnings: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            inputs: Vec::new(),
            output: None,
            soname: None,
            entry: Some("_start".into()),
            exports: Vec::new(),
            exports_if_defined: Vec::new(),
            export_all: false,
            export_dynamic: false,
            export_table: false,
            import_table: false,
            growable_table: false,
            table_base: None,
            undefined: Vec::new(),
            wrap: Vec::new(),
            allow_undefined_symbols: Default::default(),
            import_undefined: false,
            unresolved: UnresolvedPolicy::ReportError,
            allow_multiple_definition: false,
            noinhibit_exec: false,
            fatal_warnings: false,
            error_limit: 20,
            gc_sections: true,
            print_gc_sections: false,
            merge_data_segments: true,
            stack_size: 65536,
            stack_first: false,
            global_base: None,
            initial_memory: 0,
            max_memory: 0,
            initial_heap: 0,
            no_growable_memory: false,
            import_memory: None,
            export_memory: None,
            shared_memory: false,
            check_features: true,
            features: None,
            extra_features: Vec::new(),
            strip_debug: false,
            strip_all: false,
            emit_relocs: false,
            compress_relocations: false,
            optimize: 1,
            demangle: true,
            keep_sections: Default::default(),
            build_id: BuildId::None,
            kind: OutputKind::Executable,
            width: AddressWidth::Wasm32,
            rpath: Vec::new(),
            page_size: 65536,
            bsymbolic: false,
            shlib_sigcheck: true,
            threads: None,
            exit_after_link: false,
            verbose: false,
            map_file: None,
            why_extract: None,
            trace: false,
            trace_symbols: Vec::new(),
            arg_warnings: Vec::new(),
        }
    }
}

impl Config {
    /// Whether `--export`, `--export-if-defined` or `-u` names the symbol (as lld's
    /// `handleUndefined` takes names, which makes them used by a regular object).
    pub fn names_symbol(&self, name: &str) -> bool {
        self.exports.iter().chain(&self.exports_if_defined).chain(&self.undefined).any(|n| n == name)
    }

    /// Where the indirect function table's entries start. Slot 0 is the null function pointer;
    /// a position-independent module's entries start at its `__table_base`, relative 0.
    pub fn table_base(&self) -> u64 {
        if self.kind.is_pic() { 0 } else { self.table_base.unwrap_or(1) }
    }

    pub fn is_pic(&self) -> bool {
        self.kind.is_pic()
    }

    /// Some addresses are the loader's to provide: PIC output, or undefined symbols imported
    /// dynamically (`--unresolved-symbols=import-dynamic`).
    /// A symbol's name as diagnostics show it (demangled unless `--no-demangle`).
    pub fn show<'n>(&self, name: &'n str) -> std::borrow::Cow<'n, str> {
        crate::demangle::show(name, self.demangle)
    }

    /// The output carries a symbol table and relocations (`-r`, `--emit-relocs`).
    pub fn keeps_relocations(&self) -> bool {
        self.kind == OutputKind::Relocatable || self.emit_relocs
    }

    pub fn dynamic_relocs(&self) -> bool {
        self.is_pic() || self.unresolved == UnresolvedPolicy::ImportDynamic
    }

    /// The module's name in the name section: `--soname`, else the output's file name.
    pub fn module_name(&self) -> Option<&str> {
        self.soname.as_deref().or_else(|| self.output.as_deref().map(|o| o.rsplit('/').next().unwrap_or(o)))
    }
}
