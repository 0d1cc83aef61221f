//! wasm-ld's command line, shared by the native binary, the WASI command and the component's
//! `link-args`.
//!
//! Parsing follows LLVM's OptTable, which is what wasm-ld uses, from one table transcribed from
//! wasm-ld's `Options.td` (LLVM 19, plus the options LLD 20 to 22 added that rustc's link lines
//! reach). Each option has its prefixes (`--` and `-`, or only one of them) and a form:
//!   - a flag matches exactly (`--no-entry`, `-no-entry`);
//!   - a separate option takes the next argument (`--export foo`);
//!   - a joined option takes the rest of the argument (`--export=foo`, `-O3`);
//!   - a joined-or-separate one takes either (`-o x`, `-ox`, `-O 3`, `-lc`, `-l c`);
//!   - a comma-joined one splits its value at commas (`--features=a,b`).
//!
//! The longest option name that accepts an argument wins, as in OptTable. The options are then
//! read as wasm-ld's `readConfigs` reads them: the last of a pair wins (`--gc-sections` /
//! `--no-gc-sections`), and only the positional ones (inputs, `-l`, `--whole-archive`,
//! `--start-lib`, `-Bstatic`) keep their order. An option that we do not implement is an error
//! naming it; those that change nothing here are accepted and documented in the README.

use crate::config::{AddressWidth, BuildId, Config, InputArg, OutputKind, UnresolvedPolicy, Wrap};

#[derive(Debug, Default)]
pub struct Parsed {
    pub config: Config,
    /// `-L` directories, in order.
    pub search_paths: Vec<String>,
    /// `--allow-undefined-file`s: lists of symbols that may stay undefined (read by the caller,
    /// see `lib::read_import_lists`).
    pub allow_undefined_files: Vec<String>,
    /// `--version`, `-v` or `-V`: print the version.
    pub version: bool,
    /// ... and stop there: `--version`, or `-v`/`-V` without inputs (with inputs they link, as
    /// in lld).
    pub version_only: bool,
    pub help: bool,
    /// `--reproduce=FILE.tar`: the front end writes the inputs and the command line there.
    pub reproduce: Option<String>,
    /// `--fork` (the default) or `--no-fork`, mold's options: whether the native command links
    /// in a child process and exits once the output is written, leaving the child to give the
    /// link's memory back (see `src/cli/detach.rs`).
    pub fork: bool,
}

/// Every option wasm-ld knows, by what it means (aliases share an id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opt {
    AllowMultipleDefinition,
    AllowUndefined,
    AllowUndefinedFile,
    BDynamic,
    BStatic,
    BSymbolic,
    BuildId,
    BuildIdEq,
    CheckFeatures,
    ColorDiagnostics,
    ColorDiagnosticsEq,
    CompressRelocations,
    CooperativeThreading,
    Demangle,
    DisableVerify,
    EmitRelocs,
    EndLib,
    Entry,
    ErrorLimit,
    ErrorUnresolvedSymbols,
    ExperimentalPic,
    Export,
    ExportAll,
    ExportDynamic,
    ExportIfDefined,
    ExportMemory,
    ExportMemoryEq,
    ExportTable,
    ExtraFeatures,
    FatalWarnings,
    Fork,
    Features,
    GcSections,
    GlobalBase,
    GrowableTable,
    Help,
    ImportMemory,
    ImportMemoryEq,
    ImportTable,
    ImportUndefined,
    InitialHeap,
    InitialMemory,
    KeepSection,
    Library,
    LibraryPath,
    /// LTO and ThinLTO tuning: no bitcode is ever linked here.
    Lto,
    M,
    Map,
    MaxMemory,
    MergeDataSegments,
    Mllvm,
    NoAllowMultipleDefinition,
    NoCheckFeatures,
    NoColorDiagnostics,
    NoDemangle,
    NoEntry,
    NoExportDynamic,
    NoFatalWarnings,
    NoFork,
    NoGcSections,
    NoGrowableMemory,
    NoInhibitExec,
    NoMergeDataSegments,
    NoPie,
    NoPrintGcSections,
    NoShlibSigcheck,
    NoStackFirst,
    NoWholeArchive,
    O,
    Output,
    PageSize,
    Pie,
    PrintGcSections,
    PrintMap,
    Relocatable,
    Reproduce,
    Rpath,
    RspQuoting,
    Shared,
    SharedMemory,
    Soname,
    StackFirst,
    StartLib,
    StripAll,
    StripDebug,
    TableBase,
    Threads,
    Trace,
    TraceSymbol,
    Undefined,
    UnresolvedSymbols,
    V,
    Verbose,
    Version,
    WarnUnresolvedSymbols,
    WholeArchive,
    WhyExtract,
    Wrap,
    Z,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Flag,
    Joined,
    Separate,
    JoinedOrSeparate,
    CommaJoined,
}

struct OptDef {
    prefixes: &'static [&'static str],
    name: &'static str,
    form: Form,
    opt: Opt,
}

/// Both spellings (`--name`, `-name`): most of wasm-ld's options, as GNU ld's.
const BOTH: &[&str] = &["--", "-"];
/// Only `--name`: wasm-specific long options.
const DD: &[&str] = &["--"];
/// Only `-x`: single letters.
const D: &[&str] = &["-"];

const fn def(prefixes: &'static [&'static str], name: &'static str, form: Form, opt: Opt) -> OptDef {
    OptDef { prefixes, name, form, opt }
}

use Form::*;

/// wasm-ld's Options.td. `Eq<"x">` in LLVM's file is two rows here: `x` (separate) and `x=`
/// (joined); `B<"x">` is `x` and `no-x`.
static TABLE: &[OptDef] = &[
    def(BOTH, "Bsymbolic", Flag, Opt::BSymbolic),
    def(BOTH, "Bdynamic", Flag, Opt::BDynamic),
    def(BOTH, "Bstatic", Flag, Opt::BStatic),
    def(BOTH, "build-id", Flag, Opt::BuildId),
    def(BOTH, "build-id=", Joined, Opt::BuildIdEq),
    def(BOTH, "color-diagnostics", Flag, Opt::ColorDiagnostics),
    def(BOTH, "no-color-diagnostics", Flag, Opt::NoColorDiagnostics),
    def(BOTH, "color-diagnostics=", Joined, Opt::ColorDiagnosticsEq),
    def(BOTH, "compress-relocations", Flag, Opt::CompressRelocations),
    def(BOTH, "demangle", Flag, Opt::Demangle),
    def(BOTH, "no-demangle", Flag, Opt::NoDemangle),
    def(BOTH, "emit-relocs", Flag, Opt::EmitRelocs),
    def(BOTH, "error-unresolved-symbols", Flag, Opt::ErrorUnresolvedSymbols),
    def(BOTH, "export-dynamic", Flag, Opt::ExportDynamic),
    def(BOTH, "no-export-dynamic", Flag, Opt::NoExportDynamic),
    def(BOTH, "end-lib", Flag, Opt::EndLib),
    def(BOTH, "entry", Separate, Opt::Entry),
    def(BOTH, "entry=", Joined, Opt::Entry),
    def(D, "e", JoinedOrSeparate, Opt::Entry),
    def(DD, "error-limit", Separate, Opt::ErrorLimit),
    def(DD, "error-limit=", Joined, Opt::ErrorLimit),
    def(BOTH, "fatal-warnings", Flag, Opt::FatalWarnings),
    def(BOTH, "no-fatal-warnings", Flag, Opt::NoFatalWarnings),
    def(BOTH, "fork", Flag, Opt::Fork),
    def(BOTH, "no-fork", Flag, Opt::NoFork),
    def(BOTH, "gc-sections", Flag, Opt::GcSections),
    def(BOTH, "no-gc-sections", Flag, Opt::NoGcSections),
    def(DD, "merge-data-segments", Flag, Opt::MergeDataSegments),
    def(DD, "no-merge-data-segments", Flag, Opt::NoMergeDataSegments),
    def(BOTH, "help", Flag, Opt::Help),
    def(D, "l", JoinedOrSeparate, Opt::Library),
    def(BOTH, "library", Separate, Opt::Library),
    def(BOTH, "library=", Joined, Opt::Library),
    def(D, "L", JoinedOrSeparate, Opt::LibraryPath),
    def(BOTH, "library-path", Separate, Opt::LibraryPath),
    def(BOTH, "library-path=", Joined, Opt::LibraryPath),
    def(D, "m", JoinedOrSeparate, Opt::M),
    def(BOTH, "mllvm", Separate, Opt::Mllvm),
    def(BOTH, "mllvm=", Joined, Opt::Mllvm),
    def(BOTH, "Map", Separate, Opt::Map),
    def(BOTH, "Map=", Joined, Opt::Map),
    def(D, "o", JoinedOrSeparate, Opt::Output),
    def(D, "O", JoinedOrSeparate, Opt::O),
    def(BOTH, "pie", Flag, Opt::Pie),
    def(BOTH, "no-pie", Flag, Opt::NoPie),
    def(BOTH, "print-gc-sections", Flag, Opt::PrintGcSections),
    def(BOTH, "no-print-gc-sections", Flag, Opt::NoPrintGcSections),
    def(BOTH, "print-map", Flag, Opt::PrintMap),
    def(D, "M", Flag, Opt::PrintMap),
    def(BOTH, "relocatable", Flag, Opt::Relocatable),
    def(D, "r", Flag, Opt::Relocatable),
    def(DD, "reproduce", Separate, Opt::Reproduce),
    def(DD, "reproduce=", Joined, Opt::Reproduce),
    def(BOTH, "rsp-quoting", Separate, Opt::RspQuoting),
    def(BOTH, "rsp-quoting=", Joined, Opt::RspQuoting),
    def(BOTH, "shared", Flag, Opt::Shared),
    def(BOTH, "start-lib", Flag, Opt::StartLib),
    def(BOTH, "strip-all", Flag, Opt::StripAll),
    def(D, "s", Flag, Opt::StripAll),
    def(BOTH, "strip-debug", Flag, Opt::StripDebug),
    def(D, "S", Flag, Opt::StripDebug),
    def(BOTH, "threads", Separate, Opt::Threads),
    def(BOTH, "threads=", Joined, Opt::Threads),
    def(BOTH, "trace", Flag, Opt::Trace),
    def(D, "t", Flag, Opt::Trace),
    def(BOTH, "trace-symbol", Separate, Opt::TraceSymbol),
    def(BOTH, "trace-symbol=", Joined, Opt::TraceSymbol),
    def(D, "y", JoinedOrSeparate, Opt::TraceSymbol),
    def(BOTH, "undefined", Separate, Opt::Undefined),
    def(BOTH, "undefined=", Joined, Opt::Undefined),
    def(D, "u", JoinedOrSeparate, Opt::Undefined),
    def(BOTH, "unresolved-symbols", Separate, Opt::UnresolvedSymbols),
    def(BOTH, "unresolved-symbols=", Joined, Opt::UnresolvedSymbols),
    def(D, "v", Flag, Opt::V),
    def(D, "V", Flag, Opt::V),
    def(BOTH, "verbose", Flag, Opt::Verbose),
    def(BOTH, "version", Flag, Opt::Version),
    def(BOTH, "warn-unresolved-symbols", Flag, Opt::WarnUnresolvedSymbols),
    def(BOTH, "wrap", Separate, Opt::Wrap),
    def(BOTH, "wrap=", Joined, Opt::Wrap),
    def(D, "z", JoinedOrSeparate, Opt::Z),
    // wasm-specific.
    def(BOTH, "allow-undefined", Flag, Opt::AllowUndefined),
    def(BOTH, "import-undefined", Flag, Opt::ImportUndefined),
    def(BOTH, "allow-undefined-file=", Joined, Opt::AllowUndefinedFile),
    def(D, "allow-undefined-file", Separate, Opt::AllowUndefinedFile),
    def(BOTH, "export", Separate, Opt::Export),
    def(BOTH, "export=", Joined, Opt::Export),
    def(BOTH, "export-if-defined", Separate, Opt::ExportIfDefined),
    def(BOTH, "export-if-defined=", Joined, Opt::ExportIfDefined),
    def(DD, "export-all", Flag, Opt::ExportAll),
    def(DD, "export-table", Flag, Opt::ExportTable),
    def(DD, "growable-table", Flag, Opt::GrowableTable),
    def(DD, "global-base=", Joined, Opt::GlobalBase),
    def(BOTH, "keep-section", Separate, Opt::KeepSection),
    def(BOTH, "keep-section=", Joined, Opt::KeepSection),
    def(DD, "import-memory", Flag, Opt::ImportMemory),
    def(DD, "import-memory=", Joined, Opt::ImportMemoryEq),
    def(DD, "export-memory", Flag, Opt::ExportMemory),
    def(DD, "export-memory=", Joined, Opt::ExportMemoryEq),
    def(DD, "shared-memory", Flag, Opt::SharedMemory),
    def(BOTH, "soname", Separate, Opt::Soname),
    def(BOTH, "soname=", Joined, Opt::Soname),
    def(DD, "import-table", Flag, Opt::ImportTable),
    def(DD, "initial-heap=", Joined, Opt::InitialHeap),
    def(DD, "initial-memory=", Joined, Opt::InitialMemory),
    def(DD, "max-memory=", Joined, Opt::MaxMemory),
    def(DD, "no-growable-memory", Flag, Opt::NoGrowableMemory),
    def(DD, "no-entry", Flag, Opt::NoEntry),
    def(DD, "no-shlib-sigcheck", Flag, Opt::NoShlibSigcheck),
    def(DD, "stack-first", Flag, Opt::StackFirst),
    def(DD, "table-base=", Joined, Opt::TableBase),
    def(BOTH, "whole-archive", Flag, Opt::WholeArchive),
    def(BOTH, "no-whole-archive", Flag, Opt::NoWholeArchive),
    def(DD, "why-extract=", Joined, Opt::WhyExtract),
    def(DD, "check-features", Flag, Opt::CheckFeatures),
    def(DD, "no-check-features", Flag, Opt::NoCheckFeatures),
    def(BOTH, "features=", CommaJoined, Opt::Features),
    def(BOTH, "extra-features=", CommaJoined, Opt::ExtraFeatures),
    def(BOTH, "call_shared", Flag, Opt::BDynamic),
    def(BOTH, "dy", Flag, Opt::BDynamic),
    def(BOTH, "dn", Flag, Opt::BStatic),
    def(BOTH, "non_shared", Flag, Opt::BStatic),
    def(BOTH, "static", Flag, Opt::BStatic),
    def(D, "E", Flag, Opt::ExportDynamic),
    def(DD, "lto-O", Joined, Opt::Lto),
    def(DD, "lto-CGO", Joined, Opt::Lto),
    def(DD, "lto-partitions=", Joined, Opt::Lto),
    def(BOTH, "disable-verify", Flag, Opt::DisableVerify),
    def(BOTH, "save-temps", Flag, Opt::Lto),
    def(DD, "thinlto-cache-dir=", Joined, Opt::Lto),
    def(DD, "thinlto-cache-policy", Separate, Opt::Lto),
    def(DD, "thinlto-cache-policy=", Joined, Opt::Lto),
    def(DD, "thinlto-jobs=", Joined, Opt::Lto),
    def(DD, "lto-debug-pass-manager", Flag, Opt::Lto),
    def(DD, "experimental-pic", Flag, Opt::ExperimentalPic),
    // LLD 20 to 22.
    def(BOTH, "allow-multiple-definition", Flag, Opt::AllowMultipleDefinition),
    def(BOTH, "no-allow-multiple-definition", Flag, Opt::NoAllowMultipleDefinition),
    def(DD, "cooperative-threading", Flag, Opt::CooperativeThreading),
    def(DD, "no-stack-first", Flag, Opt::NoStackFirst),
    def(BOTH, "noinhibit-exec", Flag, Opt::NoInhibitExec),
    def(DD, "page-size=", Joined, Opt::PageSize),
    def(BOTH, "rpath=", Joined, Opt::Rpath),
    def(BOTH, "rpath", Separate, Opt::Rpath),
];

/// `--help`: every option, by what it is for, each in one spelling (the others are in
/// `TABLE`; a test checks that each option there is here and each row here parses). The words
/// say what wasmlink does, which is what wasm-ld does unless the README says otherwise.
static HELP: &[(&str, &[(&str, &str)])] = &[
    ("Inputs", &[
        ("-l <name>", "Link lib<name>.so (after -Bdynamic) or lib<name>.a, found in the -L directories"),
        ("-L <dir>", "Look for -l libraries in <dir>"),
        ("--whole-archive", "Link every member of the archives that follow"),
        ("--no-whole-archive", "Link only the archive members that resolve references (default)"),
        ("--start-lib", "Treat the objects up to --end-lib as the members of an archive"),
        ("--end-lib", "End a --start-lib group"),
        ("--Bdynamic", "Let -l find shared libraries (default in -pie and -shared links)"),
        ("--Bstatic", "Let -l find archives only (default in other links)"),
        ("--no-shlib-sigcheck", "Do not check the signatures of functions shared libraries define"),
        ("--rsp-quoting=<posix|windows>", "How @response files quote their arguments"),
    ]),
    ("Output", &[
        ("-o <file>", "Write the output to <file>"),
        ("--relocatable", "Write a relocatable object (-r)"),
        ("--shared", "Write a shared library (dylink.0) for a dynamic loader"),
        ("--pie", "Write a position-independent main module"),
        ("--no-pie", "Write a module at fixed addresses (default)"),
        ("--experimental-pic", "Do not warn that -shared and -pie are experimental"),
        ("-m <wasm32|wasm64>", "The address width (default: wasm32; wasm64 objects need -m wasm64)"),
        ("--entry <symbol>", "The function the command runs (default: _start; -shared: __wasm_call_ctors)"),
        ("--no-entry", "Make no entry point"),
        ("--soname=<name>", "The name a shared library records for itself"),
        ("--rpath=<dir>", "Record <dir> among a shared library's runtime search paths"),
        ("--build-id=<fast|sha1|uuid|none|0x<hex>>", "Write a build_id section, made so"),
        ("--build-id", "Write a build_id section, made fast"),
        ("--emit-relocs", "Keep the relocations in the output"),
        ("--compress-relocations", "Leave relocated LEB128 numbers at their shortest (needs --strip-debug)"),
        ("-O <level>", "0: leave duplicate strings; 1 and above: merge equal strings in data and debug information (default: 1)"),
        ("--strip-debug", "Leave out debug information (-S)"),
        ("--strip-all", "Leave out debug information and the name section (-s)"),
        ("--keep-section=<name>", "Keep custom section <name> even with --strip-all or --strip-debug"),
        ("--features=<list>", "The target features the output has (default: those of the inputs)"),
        ("--extra-features=<list>", "Target features to add to those of the inputs"),
        ("--check-features", "Require the inputs' target features to agree (default)"),
        ("--no-check-features", "Do not check the inputs' target features"),
    ]),
    ("Symbols", &[
        ("--export=<symbol>", "Export <symbol>; an error if nothing defines it"),
        ("--export-if-defined=<symbol>", "Export <symbol> if something defines it"),
        ("--export-all", "Export every defined symbol"),
        ("--export-dynamic", "Export every symbol visible to other modules (default with -shared; -E)"),
        ("--no-export-dynamic", "Export only what is asked for"),
        ("--undefined=<symbol>", "Keep <symbol> as if referenced, extracting what defines it (-u)"),
        ("--allow-undefined", "Allow undefined symbols; functions, globals and tables among them are imported"),
        ("--allow-undefined-file=<file>", "Import the undefined symbols <file> lists, one per line"),
        ("--import-undefined", "Import the undefined functions, globals and tables allowed to stay undefined"),
        ("--unresolved-symbols=<ignore-all|report-all|import-dynamic>", "What to do with undefined symbols"),
        ("--error-unresolved-symbols", "An undefined symbol is an error (default)"),
        ("--warn-unresolved-symbols", "An undefined symbol is a warning"),
        ("--allow-multiple-definition", "A second definition of a symbol is ignored (-z muldefs)"),
        ("--no-allow-multiple-definition", "A second definition of a symbol is an error (default)"),
        ("--wrap=<symbol>", "Send references to <symbol> to __wrap_<symbol>, and __real_<symbol> to <symbol>"),
        ("--Bsymbolic", "Bind a shared library's references to its own definitions"),
        ("--gc-sections", "Remove what nothing live refers to (default, but not with -r)"),
        ("--no-gc-sections", "Keep every function, global and data segment of the linked inputs"),
        ("--demangle", "Write C++ names demangled, in diagnostics and in the name section (default)"),
        ("--no-demangle", "Write names as they are mangled"),
    ]),
    ("Memory and tables", &[
        ("--stack-first", "Put the stack below the data"),
        ("--no-stack-first", "Put the stack after the data (default)"),
        ("-z stack-size=<bytes>", "The size of the stack (default: 65536)"),
        ("--global-base=<address>", "Where the data begins"),
        ("--initial-heap=<bytes>", "The initial memory's room for the heap"),
        ("--initial-memory=<bytes>", "The initial size of the memory"),
        ("--max-memory=<bytes>", "The largest the memory may grow"),
        ("--no-growable-memory", "The memory's maximum is its initial size"),
        ("--page-size=<1|65536>", "The memory's page size (the custom-page-sizes proposal)"),
        ("--import-memory", "Import the memory as env.memory"),
        ("--import-memory=<module>,<name>", "Import the memory as <module>.<name> (or env.<name>)"),
        ("--export-memory", "Export the memory as memory (default unless it is imported)"),
        ("--export-memory=<name>", "Export the memory as <name>"),
        ("--shared-memory", "Make the memory shared, for threads"),
        ("--merge-data-segments", "Combine data segments by name (.data.*, .rodata.*, ...) (default, but not with -r)"),
        ("--no-merge-data-segments", "Keep each input's data segments apart"),
        ("--import-table", "Import the function table"),
        ("--export-table", "Export the function table"),
        ("--growable-table", "Let the function table grow"),
        ("--table-base=<index>", "The first index of the function table's elements"),
    ]),
    ("Explaining a link", &[
        ("--verbose", "Print each phase's time"),
        ("--Map=<file>", "Write a map of the output to <file>"),
        ("--print-map", "Print a map of the output (-M)"),
        ("--print-gc-sections", "Print what --gc-sections removes"),
        ("--no-print-gc-sections", "Do not print what --gc-sections removes (default)"),
        ("--why-extract=<file>", "Write why each archive member was extracted to <file> (- for standard output)"),
        ("--trace", "Print each input file as it is read (-t)"),
        ("--trace-symbol=<symbol>", "Print where <symbol> is defined and referenced (-y)"),
        ("--reproduce=<file>", "Write the inputs and the command line to the tar file <file>"),
        ("--error-limit=<n>", "Stop after <n> errors (0: no limit; default: 20)"),
        ("--fatal-warnings", "Treat warnings as errors"),
        ("--no-fatal-warnings", "Do not treat warnings as errors (default)"),
        ("--noinhibit-exec", "Write the output despite duplicate definitions (they become warnings)"),
        ("--color-diagnostics=<auto|always|never>", "Accepted; diagnostics are not colored"),
        ("--color-diagnostics", "Accepted; diagnostics are not colored"),
        ("--no-color-diagnostics", "Accepted; diagnostics are not colored"),
    ]),
    ("The linker", &[
        ("--threads=<n>", "Use <n> threads (default: all cores; 1: link serially)"),
        ("--fork", "Link in a child process and exit once the output is written (default; Linux)"),
        ("--no-fork", "Link in this process, and exit once its memory is given back"),
        ("--help", "Print this help"),
        ("--version", "Print the version"),
        ("-v", "Print the version and go on linking (-V)"),
        ("--lto-O<level>", "Accepted and ignored, as the other LTO and ThinLTO options: wasmlink links no bitcode"),
        ("--mllvm=<option>", "Accepted and ignored: wasmlink has no LLVM inside"),
        ("--disable-verify", "Accepted and ignored"),
        ("--cooperative-threading", "Not supported yet (an error)"),
    ]),
];

/// `--help`'s text.
pub fn help_text(prog: &str) -> String {
    use std::fmt::Write as _;
    let mut out = format!("Usage: {prog} [options] file...\nA WebAssembly linker taking wasm-ld's options.\n");
    for (group, rows) in HELP {
        let _ = write!(out, "\n{group}:\n");
        for (usage, what) in *rows {
            // The description in a column, or on the next line after a long usage.
            if usage.len() < 30 {
                let _ = writeln!(out, "  {usage:<30} {what}");
            } else {
                let _ = writeln!(out, "  {usage}\n  {:<30} {what}", "");
            }
        }
    }
    out
}

/// One option occurrence: what it is, how it was spelled, and its value.
struct Arg {
    opt: Opt,
    spelling: String,
    value: Option<String>,
}

enum Item {
    Input(String),
    Option(Arg),
}

/// Matches each argument against the table (OptTable's `ParseArgs`). Errors are every unknown
/// argument and missing value, in lld's words.
fn match_args(args: &[String]) -> (Vec<Item>, Vec<String>) {
    let mut items = Vec::new();
    let mut errors = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        i += 1;
        if !arg.starts_with('-') || arg == "-" {
            items.push(Item::Input(arg.clone()));
            continue;
        }
        // Candidates whose prefix and name start the argument, longest first.
        let mut candidates: Vec<(usize, &OptDef)> = TABLE
            .iter()
            .filter_map(|d| {
                d.prefixes
                    .iter()
                    .find(|p| arg.strip_prefix(**p).is_some_and(|rest| rest.starts_with(d.name)))
                    .map(|p| (p.len() + d.name.len(), d))
            })
            .collect();
        candidates.sort_by_key(|&(len, _)| std::cmp::Reverse(len));
        let mut matched = false;
        for (len, d) in candidates {
            let rest = &arg[len..];
            let value = match d.form {
                Flag if rest.is_empty() => None,
                Separate | JoinedOrSeparate if rest.is_empty() => match args.get(i) {
                    Some(v) => {
                        i += 1;
                        Some(v.clone())
                    }
                    None => {
                        errors.push(format!("{arg}: missing argument"));
                        matched = true;
                        break;
                    }
                },
                Flag | Separate => continue,
                Joined | JoinedOrSeparate | CommaJoined => Some(rest.to_string()),
            };
            items.push(Item::Option(Arg { opt: d.opt, spelling: arg[..len].to_string(), value }));
            matched = true;
            break;
        }
        if !matched {
            errors.push(format!("unknown argument: {arg}"));
        }
    }
    (items, errors)
}

/// Parses a wasm-ld command line (after `@response` files are expanded with `read_file`) into
/// a `Config`. Errors are every problem found, each in lld's words.
pub fn parse(args: &[String], read_file: &dyn Fn(&str) -> Option<String>) -> Result<Parsed, Vec<String>> {
    // `-flavor wasm` picks the wasm linker of lld's multi-call binary (rustc passes it first
    // when it takes its linker for lld); it is not an option of wasm-ld itself.
    let args = match args {
        [f, flavor, rest @ ..] if f == "-flavor" => match flavor.as_str() {
            "wasm" => rest,
            other => return Err(vec![format!("-flavor {other}: only the wasm flavor is supported")]),
        },
        _ => args,
    };
    let args = expand_response_files(args, read_file, 0).map_err(|e| vec![e])?;
    let (items, mut errors) = match_args(&args);
    let opts: Vec<&Arg> = items
        .iter()
        .filter_map(|it| match it {
            Item::Option(a) => Some(a),
            Item::Input(_) => None,
        })
        .collect();
    let has = |o: Opt| opts.iter().any(|a| a.opt == o);
    // The last of a pair wins (OptTable's `hasFlag`).
    let flag = |on: Opt, off: Opt, default: bool| {
        opts.iter().rev().find(|a| a.opt == on || a.opt == off).map_or(default, |a| a.opt == on)
    };
    let last = |o: Opt| opts.iter().rev().find(|a| a.opt == o).copied();
    let all = |o: Opt| opts.iter().filter(move |a| a.opt == o).filter_map(|a| a.value.clone());
    let mut number = |o: Opt, default: u64| -> u64 {
        match last(o) {
            None => default,
            Some(a) => {
                let v = a.value.as_deref().unwrap_or("");
                parse_number(v).unwrap_or_else(|| {
                    errors.push(format!("{}: number expected, but got '{v}'", a.spelling));
                    default
                })
            }
        }
    };

    let mut p = Parsed::default();
    let c = &mut p.config;
    c.error_limit = number(Opt::ErrorLimit, 20) as usize;
    c.table_base = Some(number(Opt::TableBase, 0)).filter(|&v| v != 0);
    c.global_base = Some(number(Opt::GlobalBase, 0)).filter(|&v| v != 0);
    c.initial_heap = number(Opt::InitialHeap, 0);
    c.initial_memory = number(Opt::InitialMemory, 0);
    c.max_memory = number(Opt::MaxMemory, 0);
    let page_size = last(Opt::PageSize).map(|_| number(Opt::PageSize, 65536));
    // Unlike the other numbers, wasm-ld reads --threads itself (a positive integer).
    let threads = last(Opt::Threads).map(|a| {
        let v = a.value.as_deref().unwrap_or("");
        v.parse::<usize>().ok().filter(|&n| n > 0).ok_or_else(|| format!("--threads: expected a positive integer, but got '{v}'"))
    });
    let optimize = number(Opt::O, 1);

    c.fatal_warnings = flag(Opt::FatalWarnings, Opt::NoFatalWarnings, false);
    c.check_features = flag(Opt::CheckFeatures, Opt::NoCheckFeatures, true);
    let (relocatable, shared, pie) = (has(Opt::Relocatable), has(Opt::Shared), flag(Opt::Pie, Opt::NoPie, false));
    c.kind = if relocatable {
        OutputKind::Relocatable
    } else if shared {
        OutputKind::SharedLibrary
    } else if pie {
        OutputKind::Pie
    } else {
        OutputKind::Executable
    };
    let pic = c.kind.is_pic();
    c.gc_sections = flag(Opt::GcSections, Opt::NoGcSections, !relocatable);
    c.merge_data_segments = flag(Opt::MergeDataSegments, Opt::NoMergeDataSegments, !relocatable);
    c.print_gc_sections = flag(Opt::PrintGcSections, Opt::NoPrintGcSections, false);
    c.export_all = has(Opt::ExportAll);
    c.export_table = has(Opt::ExportTable);
    // A position-independent module's table comes from its loader.
    c.import_table = has(Opt::ImportTable) || pic || relocatable;
    c.growable_table = has(Opt::GrowableTable);
    c.import_undefined = has(Opt::ImportUndefined);
    c.allow_multiple_definition = flag(Opt::AllowMultipleDefinition, Opt::NoAllowMultipleDefinition, false);
    c.noinhibit_exec = has(Opt::NoInhibitExec);
    c.shared_memory = has(Opt::SharedMemory);
    c.no_growable_memory = has(Opt::NoGrowableMemory);
    // wasm-ld 19's default; LLD 22 made stack-first the default, but rustc, its only driver
    // that relies on it, passes --stack-first itself.
    c.stack_first = flag(Opt::StackFirst, Opt::NoStackFirst, false);
    c.strip_all = has(Opt::StripAll);
    c.emit_relocs = has(Opt::EmitRelocs);
    c.compress_relocations = has(Opt::CompressRelocations);
    c.optimize = optimize;
    c.strip_debug = has(Opt::StripDebug);
    c.verbose = has(Opt::Verbose);
    c.export_dynamic = flag(Opt::ExportDynamic, Opt::NoExportDynamic, shared);
    c.entry = match opts.iter().rev().find(|a| a.opt == Opt::Entry || a.opt == Opt::NoEntry) {
        Some(a) if a.opt == Opt::NoEntry => None,
        Some(a) => a.value.clone(),
        None if relocatable => None,
        None if shared => Some("__wasm_call_ctors".into()),
        None => Some("_start".into()),
    };
    c.entry = c.entry.take().filter(|e| !e.is_empty());
    if let Some(o) = last(Opt::Output) {
        c.output = o.value.clone();
    }
    c.exports = all(Opt::Export).collect();
    c.exports_if_defined = all(Opt::ExportIfDefined).collect();
    c.undefined = all(Opt::Undefined).collect();
    c.wrap = all(Opt::Wrap).map(|w| Wrap::new(&w)).collect();
    c.keep_sections = all(Opt::KeepSection).collect();
    c.rpath = all(Opt::Rpath).collect();
    c.soname = last(Opt::Soname).and_then(|a| a.value.clone());
    p.search_paths = all(Opt::LibraryPath).collect();
    p.allow_undefined_files = all(Opt::AllowUndefinedFile).collect();
    c.unresolved = unresolved_policy(&opts, &mut errors);
    if has(Opt::AllowUndefined) {
        c.import_undefined = true;
        c.unresolved = UnresolvedPolicy::Ignore;
    }
    c.import_memory = if let Some(a) = last(Opt::ImportMemoryEq) {
        let v = a.value.as_deref().unwrap_or("");
        // `MODULE,NAME`, or a NAME in `env` (LLD 20; wasm-ld 19 took it for a module, with an
        // empty name).
        let (m, n) = v.split_once(',').unwrap_or(("env", v));
        Some((m.to_string(), n.to_string()))
    } else if has(Opt::ImportMemory) {
        Some(("env".into(), "memory".into()))
    } else {
        None
    };
    c.export_memory = if let Some(a) = last(Opt::ExportMemoryEq) {
        a.value.clone()
    } else {
        has(Opt::ExportMemory).then(|| "memory".into())
    };
    if shared {
        if c.export_memory.is_some() {
            errors.push("--export-memory is incompatible with --shared".into());
        }
        // A side module uses its loader's memory.
        c.import_memory.get_or_insert_with(|| ("env".into(), "memory".into()));
    }
    c.bsymbolic = has(Opt::BSymbolic);
    c.shlib_sigcheck = !has(Opt::NoShlibSigcheck);
    if let Some(a) = last(Opt::Features) {
        c.features = Some(comma_list(a));
    }
    if let Some(a) = last(Opt::ExtraFeatures) {
        c.extra_features = comma_list(a);
    }
    if let Some(a) = last(Opt::M) {
        match a.value.as_deref() {
            Some("wasm32") => c.width = AddressWidth::Wasm32,
            Some("wasm64") => c.width = AddressWidth::Wasm64,
            v => errors.push(format!("invalid target architecture: {}", v.unwrap_or(""))),
        }
    }
    match threads {
        Some(Ok(n)) => c.threads = Some(n),
        Some(Err(e)) => errors.push(e),
        None => {}
    }
    if let Some(a) = last(Opt::RspQuoting) {
        match a.value.as_deref() {
            Some("posix") => {}
            Some("windows") => {}
            v => errors.push(format!("invalid response file quoting: {}", v.unwrap_or(""))),
        }
    }
    if let Some(a) = last(Opt::ColorDiagnosticsEq)
        && !matches!(a.value.as_deref(), Some("auto" | "always" | "never"))
    {
        errors.push(format!("unknown option: --color-diagnostics={}", a.value.as_deref().unwrap_or("")));
    }
    c.build_id = match opts.iter().rev().find(|a| a.opt == Opt::BuildId || a.opt == Opt::BuildIdEq) {
        None => BuildId::None,
        Some(a) if a.opt == Opt::BuildId => BuildId::Fast,
        Some(a) => match a.value.as_deref().unwrap_or("") {
            "fast" => BuildId::Fast,
            "sha1" | "tree" => BuildId::Sha1,
            "none" => BuildId::None,
            "uuid" => BuildId::Uuid,
            hex if hex.starts_with("0x") => match parse_hex(&hex[2..]) {
                Some(v) => BuildId::Hex(v),
                None => {
                    errors.push(format!("--build-id={hex}: bad hex string"));
                    BuildId::None
                }
            },
            other => {
                errors.push(format!("unknown --build-id style: {other}"));
                BuildId::None
            }
        },
    };
    // wasm-ld knows `-z stack-size=N` and (LLD 20) `-z muldefs`; others are a warning.
    c.stack_size = 65536;
    for a in opts.iter().filter(|a| a.opt == Opt::Z) {
        let v = a.value.as_deref().unwrap_or("");
        match v.strip_prefix("stack-size=") {
            Some(n) => match parse_number(n) {
                Some(n) => c.stack_size = n,
                None => errors.push(format!("-z stack-size=: number expected, but got '{n}'")),
            },
            None if v == "muldefs" => c.allow_multiple_definition = true,
            None => c.arg_warnings.push(format!("unknown -z value: {v}")),
        }
    }
    if let Some(size) = page_size {
        // The custom-page-sizes proposal allows 1 and 65536.
        if size != 1 && size != 65536 {
            errors.push(format!("--page_size={size} must be either 1 or 65536"));
        }
        c.page_size = size;
    }
    if c.max_memory != 0 && c.no_growable_memory {
        errors.push("--max-memory is incompatible with --no-growable-memory".into());
    }
    if pic {
        if c.export_table {
            errors.push("-shared/-pie is incompatible with --export-table".into());
        } else if c.import_table && has(Opt::ImportTable) && c.export_table {
            errors.push("--import-table and --export-table may not be used together".into());
        }
        if c.global_base.is_some() {
            errors.push("--global-base may not be used with -shared/-pie".into());
        }
        if c.table_base.is_some() {
            errors.push("--table-base may not be used with -shared/-pie".into());
        }
        // wasm-ld 19 warns unless told the PIC support is wanted as it is.
        if !has(Opt::ExperimentalPic) {
            if shared {
                c.arg_warnings.push("creating shared libraries, with -shared, is not yet stable".into());
            }
            if c.kind == OutputKind::Pie {
                c.arg_warnings.push("creating PIEs, with -pie, is not yet stable".into());
            }
        }
    } else if c.import_table && c.export_table && !relocatable {
        // (`-r` imports the table too, but lld reports only `-r`'s conflict with
        // --export-table then: it stops before this check.)
        errors.push("--import-table and --export-table may not be used together".into());
    }
    if c.unresolved == UnresolvedPolicy::ImportDynamic && !has(Opt::ExperimentalPic) {
        c.arg_warnings.push("dynamic imports are not yet stable (--unresolved-symbols=import-dynamic)".into());
    }
    if pie && shared {
        errors.push("-shared and -pie may not be used together".into());
    }
    if has(Opt::CompressRelocations) && !c.strip_debug && !c.strip_all {
        errors.push(
            "--compress-relocations is incompatible with output debug information. Please pass --strip-debug or --strip-all"
                .into(),
        );
    }
    // wasm-ld's checkOptions for relocatable output (the odd wording is lld's own).
    if relocatable {
        let conflicts = [
            (c.export_table, "--relocatable is incompatible with --export-table"),
            (c.growable_table, "--relocatable is incompatible with --growable-table"),
            (c.entry.is_some(), "entry point specified for relocatable output file"),
            (c.gc_sections, "-r and --gc-sections may not be used together"),
            (has(Opt::CompressRelocations), "-r -and --compress-relocations may not be used together"),
            (has(Opt::Undefined), "-r -and --undefined may not be used together"),
            (pie, "-r and -pie may not be used together"),
            (c.shared_memory, "-r and --shared-memory may not be used together"),
            (c.global_base.is_some(), "-r and --global-base may not by used together"),
        ];
        errors.extend(conflicts.iter().filter(|(bad, _)| *bad).map(|(_, e)| e.to_string()));
    }
    if has(Opt::BSymbolic) && !shared {
        c.arg_warnings.push("-Bsymbolic is only meaningful when combined with -shared".into());
    }
    // Explaining a link (lld's `-Map`, `-M`, `--why-extract`, `-t`, `-y`, `--reproduce`). An
    // empty file name asks for nothing, as in lld.
    c.map_file = last(Opt::Map).and_then(|a| a.value.clone()).filter(|m| !m.is_empty());
    if has(Opt::PrintMap) {
        c.map_file = Some("-".into());
    }
    c.why_extract = last(Opt::WhyExtract).and_then(|a| a.value.clone()).filter(|w| !w.is_empty());
    c.trace = has(Opt::Trace);
    c.trace_symbols = all(Opt::TraceSymbol).collect();
    c.demangle = flag(Opt::Demangle, Opt::NoDemangle, true);
    p.reproduce = last(Opt::Reproduce).and_then(|a| a.value.clone());
    p.fork = flag(Opt::Fork, Opt::NoFork, true);
    p.version = has(Opt::Version) || has(Opt::V);
    p.help = has(Opt::Help);

    // What changes the output and is not built yet: an error that names it.
    for a in &opts {
        let what = match a.opt {
            Opt::CooperativeThreading => "wasmlink does not implement it",
            _ => continue,
        };
        let spelled = match &a.value {
            Some(v) if a.spelling.ends_with('=') => format!("{}{v}", a.spelling),
            _ => a.spelling.clone(),
        };
        errors.push(format!("{spelled}: not supported yet ({what})"));
    }
    // (wasm-ld 19 takes both: a relocatable object made as PIC, its GOT references kept as
    // imports, with a `dylink.0` section.)
    if relocatable && shared {
        errors.push("-r with -shared: not supported yet (wasmlink does not implement a position-independent relocatable object)".into());
    }

    // Inputs and the options that take effect where they stand. `-l` finds shared libraries
    // only after -Bdynamic, where PIC links start.
    if pic {
        c.inputs.push(InputArg::Dynamic(true));
    }
    let mut in_lib = false;
    for it in &items {
        match it {
            Item::Input(name) => c.inputs.push(InputArg::File(name.clone())),
            Item::Option(a) if a.opt == Opt::StartLib && in_lib => errors.push("nested --start-lib".into()),
            Item::Option(a) if a.opt == Opt::EndLib && !in_lib => errors.push("stray --end-lib".into()),
            Item::Option(a) => match a.opt {
                Opt::Library => c.inputs.push(InputArg::Library(a.value.clone().unwrap_or_default())),
                Opt::WholeArchive => c.inputs.push(InputArg::WholeArchive(true)),
                Opt::NoWholeArchive => c.inputs.push(InputArg::WholeArchive(false)),
                Opt::StartLib => {
                    in_lib = true;
                    c.inputs.push(InputArg::StartLib)
                }
                Opt::EndLib => {
                    in_lib = false;
                    c.inputs.push(InputArg::EndLib)
                }
                // (LLD 20: `-r` links statically, whatever -Bdynamic says.)
                Opt::BDynamic if !relocatable => c.inputs.push(InputArg::Dynamic(true)),
                Opt::BStatic => c.inputs.push(InputArg::Dynamic(false)),
                _ => {}
            },
        }
    }
    p.version_only = has(Opt::Version) || p.version && !c.inputs.iter().any(|i| matches!(i, InputArg::File(_) | InputArg::Library(_)));
    if errors.is_empty() { Ok(p) } else { Err(errors) }
}

/// The command line as `--reproduce` records it in `response.txt` (wasm-ld's
/// `createResponseFile`): `@response` files expanded, one option or input per line, input files
/// rewritten by `input_path` (lld's `relativeToRoot`: the path inside the archive), `-o` reduced
/// to its file name (the archive has no directories for it), `--reproduce` left out, and values
/// with a space quoted. Unlike lld 19, which writes `--features= a b`, a comma-joined option is
/// written as it was given, so that the file links again.
pub fn response_file(
    args: &[String],
    read_file: &dyn Fn(&str) -> Option<String>,
    input_path: &dyn Fn(&str) -> String,
) -> Result<String, Vec<String>> {
    let args = match args {
        [f, flavor, rest @ ..] if f == "-flavor" && flavor == "wasm" => rest,
        _ => args,
    };
    let args = expand_response_files(args, read_file, 0).map_err(|e| vec![e])?;
    let (items, errors) = match_args(&args);
    if !errors.is_empty() {
        return Err(errors);
    }
    fn quote(s: &str) -> String {
        if s.contains(' ') { format!("\"{s}\"") } else { s.to_string() }
    }
    let mut out = String::new();
    for item in &items {
        let line = match item {
            Item::Input(name) => quote(&input_path(name)),
            Item::Option(a) => match (a.opt, a.value.as_deref()) {
                // (Nor wasmlink's own `--fork`, which wasm-ld would refuse.)
                (Opt::Reproduce | Opt::Fork | Opt::NoFork, _) => continue,
                (Opt::Output, Some(v)) => format!("-o {}", quote(v.rsplit('/').next().unwrap_or(v))),
                (_, None) => a.spelling.clone(),
                (_, Some(v)) => {
                    let form = TABLE
                        .iter()
                        .find(|d| d.opt == a.opt && d.prefixes.iter().any(|p| a.spelling.strip_prefix(p) == Some(d.name)))
                        .map(|d| d.form);
                    match form {
                        Some(Joined | CommaJoined) => format!("{}{}", a.spelling, quote(v)),
                        _ => format!("{} {}", a.spelling, quote(v)),
                    }
                }
            },
        };
        out.push_str(&line);
        out.push('\n');
    }
    Ok(out)
}

fn comma_list(a: &Arg) -> Vec<String> {
    a.value.as_deref().unwrap_or("").split(',').filter(|s| !s.is_empty()).map(String::from).collect()
}

/// wasm-ld's `getUnresolvedSymbolPolicy`.
fn unresolved_policy(opts: &[&Arg], errors: &mut Vec<String>) -> UnresolvedPolicy {
    let error_or_warn = match opts
        .iter()
        .rev()
        .find(|a| matches!(a.opt, Opt::ErrorUnresolvedSymbols | Opt::WarnUnresolvedSymbols))
    {
        Some(a) if a.opt == Opt::WarnUnresolvedSymbols => UnresolvedPolicy::Warn,
        _ => UnresolvedPolicy::ReportError,
    };
    match opts.iter().rev().find(|a| a.opt == Opt::UnresolvedSymbols).and_then(|a| a.value.as_deref()) {
        None | Some("report-all") => error_or_warn,
        Some("ignore-all") => UnresolvedPolicy::Ignore,
        Some("import-dynamic") => UnresolvedPolicy::ImportDynamic,
        Some(other) => {
            errors.push(format!("unknown --unresolved-symbols value: {other}"));
            error_or_warn
        }
    }
}

fn parse_hex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) || s.is_empty() {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| s.get(i..i + 2).and_then(|b| u8::from_str_radix(b, 16).ok())).collect()
}

/// Decimal, as lld reads numbers; `0x` hexadecimal is accepted as well.
fn parse_number(s: &str) -> Option<u64> {
    if let Some(hex) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        u64::from_str_radix(hex, 16).ok()
    } else {
        s.parse().ok()
    }
}

/// `@file` arguments, expanded in place (nested up to a small depth).
/// Most arguments and bytes response files may expand to: nesting is
/// bounded, but a file naming another a hundred times, eight deep, would be
/// 100^8 arguments.
const MAX_EXPANDED_ARGS: usize = 1 << 20;
const MAX_RESPONSE_BYTES: usize = 64 << 20;

fn expand_response_files(args: &[String], read: &dyn Fn(&str) -> Option<String>, depth: u32) -> Result<Vec<String>, String> {
    // `--rsp-quoting=windows` (the last one on the command line itself) says how to split.
    let windows = args.iter().rev().find_map(|a| a.strip_prefix("--rsp-quoting=").or_else(|| a.strip_prefix("-rsp-quoting="))) == Some("windows");
    let split = if windows { split_response_windows } else { split_response };
    let mut out = Vec::new();
    let mut bytes_read = 0;
    expand_into(&mut out, &mut bytes_read, args, read, split, depth)?;
    Ok(out)
}

fn expand_into(
    out: &mut Vec<String>,
    bytes_read: &mut usize,
    args: &[String],
    read: &dyn Fn(&str) -> Option<String>,
    split: fn(&str) -> Vec<String>,
    depth: u32,
) -> Result<(), String> {
    for a in args {
        match a.strip_prefix('@') {
            Some(path) if !path.is_empty() => {
                if depth > 8 {
                    return Err(format!("{a}: response files nested too deeply"));
                }
                let text = read(path).ok_or_else(|| format!("cannot open response file {path}"))?;
                *bytes_read += text.len();
                if *bytes_read > MAX_RESPONSE_BYTES {
                    return Err(format!("{a}: response files add up to more than {MAX_RESPONSE_BYTES} bytes"));
                }
                expand_into(out, bytes_read, &split(&text), read, split, depth + 1)?;
            }
            _ => out.push(a.clone()),
        }
        if out.len() > MAX_EXPANDED_ARGS {
            return Err(format!("{a}: response files expand to more than {MAX_EXPANDED_ARGS} arguments"));
        }
    }
    Ok(())
}

/// POSIX-style quoting: whitespace separates, quotes group, `\` escapes.
/// Windows quoting, as LLVM's `TokenizeWindowsCommandLine`: backslashes are literal except
/// before a quote (2n of them and a quote: n backslashes, the quote opens or closes; 2n+1: n and
/// a literal quote); `""` inside quotes is a quote.
fn split_response_windows(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut quoted = false;
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => {
                let run = chars[i..].iter().take_while(|&&c| c == '\\').count();
                i += run;
                in_word = true;
                if chars.get(i) == Some(&'"') {
                    cur.extend(std::iter::repeat_n('\\', run / 2));
                    if run % 2 == 1 {
                        cur.push('"');
                        i += 1;
                    }
                } else {
                    cur.extend(std::iter::repeat_n('\\', run));
                }
                continue;
            }
            '"' if quoted && chars.get(i + 1) == Some(&'"') => {
                cur.push('"');
                i += 1;
            }
            '"' => {
                quoted = !quoted;
                in_word = true;
            }
            c if c.is_whitespace() && !quoted => {
                if in_word {
                    out.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            c => {
                cur.push(c);
                in_word = true;
            }
        }
        i += 1;
    }
    if in_word {
        out.push(cur);
    }
    out
}

fn split_response(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    let mut chars = text.chars();
    while let Some(ch) = chars.next() {
        match (quote, ch) {
            (Some(q), c) if c == q => quote = None,
            (Some('"'), '\\') | (None, '\\') => {
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
                in_word = true;
            }
            (Some(_), c) => cur.push(c),
            (None, '"' | '\'') => {
                quote = Some(ch);
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    out.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            (None, c) => {
                cur.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(args: &[&str]) -> Result<Parsed, Vec<String>> {
        let v: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        parse(&v, &|_| None)
    }

    #[test]
    fn wasm_ld_spellings() {
        let r = p(&["-flavor", "wasm", "-o", "x.wasm", "--export=foo", "-export", "bar", "-z", "stack-size=1048576", "-lc", "-L/lib", "a.o", "--no-entry", "-O2"]).unwrap();
        let joined = p(&["-zstack-size=131072", "-ox.wasm", "-export=baz", "-entry=main"]).unwrap();
        assert_eq!(joined.config.stack_size, 131072);
        assert_eq!(joined.config.output.as_deref(), Some("x.wasm"));
        assert_eq!(joined.config.exports, ["baz"]);
        assert_eq!(joined.config.entry.as_deref(), Some("main"));
        assert_eq!(r.config.output.as_deref(), Some("x.wasm"));
        assert_eq!(r.config.exports, ["foo", "bar"]);
        assert_eq!(r.config.stack_size, 1048576);
        assert_eq!(r.search_paths, ["/lib"]);
        assert_eq!(r.config.entry, None);
        assert!(r.config.inputs.contains(&InputArg::Library("c".into())));
        assert!(r.config.inputs.contains(&InputArg::File("a.o".into())));
    }

    /// `-r --export-table` is one conflict, as wasm-ld 19 reports it, though `-r` imports the
    /// table: not also the import and export of the table.
    #[test]
    fn relocatable_export_table_is_one_error() {
        let errors = p(&["-r", "--export-table", "a.o", "-o", "x.o"]).err().unwrap();
        assert_eq!(errors, ["--relocatable is incompatible with --export-table"]);
        let errors = p(&["--import-table", "--export-table", "a.o", "-o", "x.wasm"]).err().unwrap();
        assert_eq!(errors, ["--import-table and --export-table may not be used together"]);
    }

    /// What wasm-component-ld hands its wasm-ld: `-O 3`, `-l c`, `-L dir`, `-z k=v` as pairs.
    #[test]
    fn separate_values() {
        let r = p(&["-O", "3", "-l", "c", "-L", "/lib", "-z", "stack-size=1024", "--gc-sections", "a.o", "-o", "x.wasm"]).unwrap();
        assert_eq!(r.config.inputs, [InputArg::Library("c".into()), InputArg::File("a.o".into())]);
        assert_eq!(r.search_paths, ["/lib"]);
        assert_eq!(r.config.stack_size, 1024);
        let r = p(&["-O3", "-entry", "go", "--unresolved-symbols", "ignore-all", "a.o"]).unwrap();
        assert_eq!(r.config.entry.as_deref(), Some("go"));
        assert_eq!(r.config.unresolved, UnresolvedPolicy::Ignore);
    }

    #[test]
    fn last_of_a_pair_wins() {
        let r = p(&["--no-gc-sections", "--gc-sections", "--stack-first", "--no-stack-first", "a.o"]).unwrap();
        assert!(r.config.gc_sections);
        assert!(!r.config.stack_first);
        let r = p(&["--entry=a", "--no-entry", "a.o"]).unwrap();
        assert_eq!(r.config.entry, None);
    }

    #[test]
    fn windows_response_files_keep_backslashes() {
        assert_eq!(split_response_windows(r#"blah\foo "c d" e\"f g\\"h i" "a""b""#), ["blah\\foo", "c d", "e\"f", "g\\h i", "a\"b"]);
        assert_eq!(split_response(r"blah\foo"), ["blahfoo"]);
    }

    /// An example of `usage` from `--help`: each `<a|b>` its first choice, each `<name>` "1".
    fn example(usage: &str) -> Vec<String> {
        let mut out = String::new();
        let mut rest = usage;
        while let Some(open) = rest.find('<') {
            out.push_str(&rest[..open]);
            let (mut depth, mut close) = (0, open);
            for (i, c) in rest[open..].char_indices() {
                depth += match c {
                    '<' => 1,
                    '>' => -1,
                    _ => 0,
                };
                if depth == 0 {
                    close = open + i;
                    break;
                }
            }
            let inner = &rest[open + 1..close];
            out.push_str(if inner.contains('|') { inner.split('|').next().unwrap() } else { "1" });
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        out.split(' ').map(String::from).collect()
    }

    #[test]
    fn help_lists_every_option() {
        let mut listed = Vec::new();
        for (_, rows) in HELP {
            for (usage, _) in *rows {
                let (items, errors) = match_args(&example(usage));
                assert!(errors.is_empty(), "{usage}: {errors:?}");
                match &items[..] {
                    [Item::Option(a)] => listed.push(a.opt),
                    _ => panic!("{usage} is not one option"),
                }
            }
        }
        for d in TABLE {
            assert!(listed.contains(&d.opt), "--help does not list {}{}", d.prefixes[0], d.name);
        }
        let text = help_text("wasm-ld");
        assert!(text.starts_with("Usage: wasm-ld [options] file...\n"));
        assert!(text.contains("\n  --export=<symbol>              Export <symbol>"), "{text}");
    }

    #[test]
    fn unknown_flag_is_named() {
        let e = p(&["--frobnicate"]).unwrap_err();
        assert_eq!(e, ["unknown argument: --frobnicate"]);
        let e = p(&["--cooperative-threading"]).unwrap_err();
        assert!(e[0].contains("not supported yet"), "{e:?}");
        // `--o` is not `-o`: single letters take one dash.
        assert!(p(&["--o", "x"]).is_err());
        let e = p(&["-o"]).unwrap_err();
        assert_eq!(e, ["-o: missing argument"]);
    }

    #[test]
    fn unknown_z_is_a_warning() {
        let r = p(&["-z", "norelro", "a.o"]).unwrap();
        assert_eq!(r.config.arg_warnings, ["unknown -z value: norelro"]);
    }

    #[test]
    fn response_files_split_posix() {
        assert_eq!(split_response("a 'b c' \"d\\\"e\" f\\ g\n"), ["a", "b c", "d\"e", "f g"]);
    }
}
