//! Load phase: sort the inputs into objects, archives and shared libraries, and parse what
//! must be parsed up front (explicit objects, archive indexes, libraries' exports).

pub mod archive;
pub mod object;
pub mod shared;

use crate::config::{Config, InputArg};
use crate::diag::{Diagnostic, Diagnostics};
use rustc_hash::FxHashMap;
pub use archive::Archive;
pub use object::Object;

/// A named input handed to the library: an object, an archive, or any file a
/// command line names.
#[derive(Debug, Clone)]
pub struct InputFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// An input the caller keeps: its bytes are borrowed for the whole link, so a front end can
/// hand over memory-mapped files instead of copies.
#[derive(Clone, Copy)]
pub struct Input<'f> {
    pub name: &'f str,
    pub bytes: &'f [u8],
    /// For an archive handed over compact: where its members' bytes come from. `bytes` is then
    /// an archive of the same members in the same order, its symbol index pointing at them, but
    /// each member cut to its first 8 bytes: a member is read whole only when the link extracts
    /// it. (A front end that reads files instead of mapping them, as the WASI command does,
    /// reads about a fifth of a big Rust link's rlibs this way.) `None`: `bytes` is the file.
    pub members: Option<&'f dyn MemberSource>,
    /// For a caller that maps its files: told which parts of `bytes` the link is done with, so
    /// that their pages can be given back (`InputPages`). `None`: nothing is said.
    pub pages: Option<&'f dyn InputPages>,
}

impl std::fmt::Debug for Input<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Input").field("name", &self.name).field("len", &self.bytes.len()).field("sparse", &self.members.is_some()).finish()
    }
}

/// The members of an archive handed over compact (see `Input::members`).
pub trait MemberSource: Sync {
    /// The member whose data starts at `offset` in the compact archive: where its data is in
    /// the file (for messages), and all of its bytes.
    fn read(&self, offset: u64) -> Result<(u64, &[u8]), String>;
}

/// Told, once symbols are resolved, which bytes of an archive the link is done with: its symbol
/// index and every member it did not extract (on a big Rust link, most of the rlibs' pages it
/// touched). A hint: those bytes must still read the same if the link looks at them again (a
/// lazy symbol's name lies in the index, and an error may name one).
pub trait InputPages: Sync {
    /// `bytes` is a part of the input's `bytes`.
    fn done_with(&self, bytes: &[u8]);
}

impl InputFile {
    pub fn as_input(&self) -> Input<'_> {
        Input { name: &self.name, bytes: &self.bytes, members: None, pages: None }
    }
}

/// One command-line input, parsed.
pub enum Loaded<'a> {
    /// An object named on the command line (or pulled whole from an archive).
    Object { name: String, object: Object<'a> },
    /// An archive, or a `--start-lib` group: members load when referenced.
    Archive { name: &'a str, archive: Archive<'a>, whole: bool, pages: Option<&'a dyn InputPages> },
    /// An object between `--start-lib` and `--end-lib`.
    LazyObject { name: String, object: Object<'a> },
    /// A shared library (a module with `dylink.0`): its exports, for its loader to provide.
    Shared { name: String, lib: shared::SharedLib<'a> },
    /// A stub library (`#STUB` text): symbols a runtime provides, each with the symbols of the
    /// program it needs (exported, and pulled from archives, when it is imported).
    Stub { name: String, symbols: StubSymbols<'a> },
}

/// A stub library's lines: each symbol a runtime provides, with the program's symbols it needs.
pub type StubSymbols<'a> = Vec<(&'a str, Vec<&'a str>)>;

/// Reads a `#STUB` library: `name: dep, dep` lines, `#` comments.
fn parse_stub(text: &str) -> StubSymbols<'_> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (sym, deps) = l.split_once(':').unwrap_or((l, ""));
            (sym.trim(), deps.split(',').map(str::trim).filter(|d| !d.is_empty()).collect())
        })
        .collect()
}

pub fn describe_error(file: &str, offset: u64, msg: &str) -> Diagnostic {
    Diagnostic::error(format!("{file}: {msg} (at offset {offset:#x})"))
        .file(file)
        .offset(offset)
}

/// An object must be of the address width the link is (wasm-ld's `checkArch`): a wasm64
/// object imports a 64-bit memory.
pub fn check_arch(name: &str, object: &Object, config: &Config) -> Result<(), Diagnostic> {
    let msg = match (object.memory64, config.width.is64()) {
        (true, false) => "must specify -mwasm64 to process wasm64 object files",
        (false, true) => "wasm32 object file can't be linked in wasm64 mode",
        _ => return Ok(()),
    };
    Err(Diagnostic::error(format!("{name}: {msg}")).file(name))
}

/// A member that does not parse, named as lld names it (`lib.a(m.o)`); the
/// offset is inside the member, and the message also gives it in the archive.
pub fn member_error(archive: &str, member: &str, offset_in_member: u64, offset_in_archive: u64, msg: &str) -> Diagnostic {
    let name = format!("{archive}({member})");
    Diagnostic::error(format!("{name}: {msg} (at offset {offset_in_member:#x} in the member, {offset_in_archive:#x} in {archive})"))
        .file(name)
        .offset(offset_in_member)
}

/// Position of each input by name (the first, if a name repeats): command
/// lines can name tens of thousands of files.
pub fn index_by_name<'f>(files: &[Input<'f>]) -> FxHashMap<&'f str, usize> {
    let mut map = FxHashMap::default();
    for (i, f) in files.iter().enumerate() {
        map.entry(f.name).or_insert(i);
    }
    map
}

/// Loads the inputs the command line names, in its order. Each file is parsed on its own
/// (objects whole, archives down to their index), in parallel natively.
pub fn load<'a>(files: &[Input<'a>], config: &Config, diags: &mut Diagnostics) -> Vec<Loaded<'a>> {
    let by_name = index_by_name(files);
    // Where each file stands: `--whole-archive` and `--start-lib` apply to the files after them.
    let mut named = Vec::new();
    let mut whole = false;
    let mut in_lib = false;
    // A shared library is linked only after -Bdynamic (which PIC links start with); before it,
    // or after -Bstatic, it is an error (LLD 21; wasm-ld 19 linked it anyway).
    let mut dynamic = false;
    for arg in &config.inputs {
        let name = match arg {
            InputArg::WholeArchive(w) => {
                whole = *w;
                continue;
            }
            InputArg::StartLib => {
                in_lib = true;
                continue;
            }
            InputArg::EndLib => {
                in_lib = false;
                continue;
            }
            InputArg::Dynamic(d) => {
                dynamic = *d;
                continue;
            }
            InputArg::File(n) | InputArg::Library(n) => n,
        };
        match by_name.get(name.as_str()) {
            Some(&i) => named.push((files[i], Placed { whole, in_lib, dynamic })),
            None => diags.push(Diagnostic::error(format!("cannot open {name}: no such input")).file(name.clone())),
        }
    }
    let member_file = |path: &str| by_name.get(path).map(|&i| files[i].bytes);
    let parsed = crate::par::map(named, |(file, placed)| load_one(file, placed, config, &member_file));
    let mut out = Vec::with_capacity(parsed.len());
    let mut reported: rustc_hash::FxHashSet<String> = Default::default();
    for p in parsed {
        match p {
            Ok(loaded) => out.push(loaded),
            // (A file named twice is reported once.)
            Err(d) => {
                if reported.insert(d.message.clone()) {
                    diags.push(d)
                }
            }
        }
    }
    // As wasm-ld: an archive member that is no object is named, and left out.
    let mut usable = false;
    for loaded in &out {
        match loaded {
            Loaded::Archive { name, archive, whole: false, .. } => {
                for m in &archive.members {
                    // (Bitcode is an error only where the link extracts the member.)
                    if matches!(object::sniff(m.data), "wasm" | object::BITCODE) {
                        usable = true;
                    } else {
                        diags.push(
                            Diagnostic::warning(format!("{name}: archive member '{}' is neither Wasm object file nor LLVM bitcode", m.name))
                                .file(name.to_string()),
                        );
                    }
                }
            }
            _ => usable = true,
        }
    }
    if !usable && diags.error_count() == 0 {
        diags.error("no input files");
    }
    out
}

/// What the options before an input say of it.
#[derive(Clone, Copy)]
struct Placed {
    /// After `--whole-archive`.
    whole: bool,
    /// Between `--start-lib` and `--end-lib`.
    in_lib: bool,
    /// After `-Bdynamic`.
    dynamic: bool,
}

fn load_one<'a>(
    file: Input<'a>,
    Placed { whole, in_lib, dynamic }: Placed,
    config: &Config,
    member_file: &(dyn Fn(&str) -> Option<&'a [u8]> + Sync),
) -> Result<Loaded<'a>, Diagnostic> {
    match object::sniff(file.bytes) {
        "wasm" if shared::is_shared_library(file.bytes) && !dynamic => {
            Err(Diagnostic::error(format!("attempted static link of dynamic object {}", file.name)).file(file.name))
        }
        "wasm" if shared::is_shared_library(file.bytes) => match shared::parse(file.bytes) {
            Ok(lib) => Ok(Loaded::Shared { name: file.name.to_string(), lib }),
            Err((off, msg)) => Err(describe_error(file.name, off, &msg)),
        },
        "wasm" => match object::parse(file.bytes) {
            Ok(object) => {
                check_arch(file.name, &object, config)?;
                let name = file.name.to_string();
                Ok(if in_lib { Loaded::LazyObject { name, object } } else { Loaded::Object { name, object } })
            }
            Err((off, msg)) => Err(describe_error(file.name, off, &msg)),
        },
        _ if file.bytes.starts_with(b"#STUB") => match std::str::from_utf8(file.bytes) {
            Ok(text) => Ok(Loaded::Stub { name: file.name.to_string(), symbols: parse_stub(text) }),
            Err(e) => Err(describe_error(file.name, e.valid_up_to() as u64, "stub library is not UTF-8 text")),
        },
        "archive" => match archive::parse_archive(file.name, file.bytes, file.members, member_file) {
            Ok(archive) => Ok(Loaded::Archive { name: file.name, archive, whole, pages: file.pages }),
            Err(e) => Err(match &e.member {
                Some((member, off)) => member_error(file.name, member, *off, e.offset, &e.message),
                None => describe_error(file.name, e.offset, &e.message),
            }),
        },
        what => Err(Diagnostic::error(format!("{}: unknown file type: {what}", file.name)).file(file.name).offset(0)),
    }
}
