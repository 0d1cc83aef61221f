//! wasm-ld's command line, shared by the native binary, the WASI command and
//! the component's `link-args`. Hand-written rather than clap: wasm-ld
//! (LLVM OptTable) accepts `-flag` and `--flag` alike, `--f=v` and `--f v`,
//! joined short options (`-ofile`, `-lc`) and `-z key=value`, which the
//! argument crates do not model.
//!
//! An option we do not implement is an error that names it; the few that
//! change nothing for us are listed in `IGNORED` and documented.

use crate::config::{BuildId, Config, InputArg, UnresolvedPolicy};

#[derive(Debug, Default)]
pub struct Parsed {
    pub config: Config,
    /// `-L` directories, in order.
    pub search_paths: Vec<String>,
    pub version: bool,
    pub help: bool,
}

/// Flags accepted because they do not change what we produce.
const IGNORED: &[&str] = &[
    "no-demangle",
    "demangle",
    "color-diagnostics",
    "no-color-diagnostics",
    "no-pie",
    "Bstatic",
    "static",
    "no-shared",
    "verbose",
    "nostdlib",
    "disable-verify",
    "no-threads",
    "lto-O0",
    "lto-O1",
    "lto-O2",
    "lto-O3",
    "compress-relocations",
];

/// Options that take a value (as `--opt v`, `--opt=v`, or joined for
/// single letters).
const WITH_VALUE: &[&str] = &[
    "o",
    "output",
    "e",
    "entry",
    "export",
    "export-if-defined",
    "u",
    "undefined",
    "wrap",
    "unresolved-symbols",
    "table-base",
    "global-base",
    "initial-memory",
    "max-memory",
    "initial-heap",
    "z",
    "features",
    "extra-features",
    "keep-section",
    "L",
    "library-path",
    "l",
    "library",
    "m",
    "flavor",
    "threads",
    "trace-symbol",
    "y",
    "rsp-quoting",
    "color-diagnostics",
    "mllvm",
    "plugin-opt",
    "lto-partitions",
    "thinlto-jobs",
    "thinlto-cache-dir",
    "thinlto-cache-policy",
    "Map",
    "allow-undefined-file",
    "why-extract",
    "soname",
    "error-limit",
];

pub fn parse(args: &[String], read_file: &dyn Fn(&str) -> Option<String>) -> Result<Parsed, String> {
    let args = expand_response_files(args, read_file, 0)?;
    let mut p = Parsed::default();
    let c = &mut p.config;
    let mut i = 0;
    // rustc starts with `-flavor wasm` when it believes the linker is lld.
    while i < args.len() {
        let arg = &args[i];
        i += 1;
        if !arg.starts_with('-') || arg == "-" {
            c.inputs.push(InputArg::File(arg.clone()));
            continue;
        }
        let body = arg.trim_start_matches('-');
        let long = body.split_once('=').map_or(body, |(n, _)| n);
        // Single-letter options may carry their value joined (-ofile, -lc,
        // -zstack-size=N); a known long name (-export=x) wins.
        let joined = !arg.starts_with("--")
            && body.len() > 1
            && !is_known(long)
            && matches!(body.get(..1), Some("o" | "l" | "L" | "e" | "u" | "z" | "m" | "O" | "y"));
        let (name, inline) = if joined {
            (&body[..1], Some(body[1..].to_string()))
        } else {
            match body.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (body, None),
            }
        };
        let mut value = || -> Result<String, String> {
            if let Some(v) = &inline {
                return Ok(v.clone());
            }
            let v = args.get(i).cloned().ok_or_else(|| format!("{arg}: missing argument"))?;
            i += 1;
            Ok(v)
        };
        let num = |s: String| -> Result<u64, String> { parse_number(&s).ok_or_else(|| format!("{arg}: number expected, got '{s}'")) };
        match name {
            "o" | "output" => c.output = value()?,
            "e" | "entry" => c.entry = Some(value()?),
            "no-entry" => c.entry = None,
            "export" => c.exports.push(value()?),
            "export-if-defined" => c.exports_if_defined.push(value()?),
            "export-all" => c.export_all = true,
            "export-dynamic" | "E" => c.export_dynamic = true,
            "no-export-dynamic" => c.export_dynamic = false,
            "export-table" => c.export_table = true,
            "import-table" => c.import_table = true,
            "growable-table" => c.growable_table = true,
            "table-base" => c.table_base = Some(num(value()?)?),
            "u" | "undefined" => c.undefined.push(value()?),
            "wrap" => c.wrap.push(value()?),
            "allow-undefined" => {
                c.import_undefined = true;
                c.unresolved = UnresolvedPolicy::Ignore;
            }
            "import-undefined" => c.import_undefined = true,
            "unresolved-symbols" => {
                c.unresolved = match value()?.as_str() {
                    "ignore-all" => UnresolvedPolicy::Ignore,
                    "report-all" => UnresolvedPolicy::ReportError,
                    "import-dynamic" => UnresolvedPolicy::ImportDynamic,
                    other => return Err(format!("unknown --unresolved-symbols value: {other}")),
                }
            }
            "warn-unresolved-symbols" => c.unresolved = UnresolvedPolicy::Warn,
            "error-unresolved-symbols" => c.unresolved = UnresolvedPolicy::ReportError,
            "allow-multiple-definition" => c.allow_multiple_definition = true,
            "error-limit" => {
                let v = value()?;
                c.error_limit = v.parse().map_err(|_| format!("invalid error limit: {v}"))?;
            }
            "fatal-warnings" => c.fatal_warnings = true,
            "no-fatal-warnings" => c.fatal_warnings = false,
            "gc-sections" => c.gc_sections = true,
            "no-gc-sections" => c.gc_sections = false,
            "print-gc-sections" => c.print_gc_sections = true,
            "no-print-gc-sections" => c.print_gc_sections = false,
            "merge-data-segments" => c.merge_data_segments = true,
            "no-merge-data-segments" => c.merge_data_segments = false,
            "z" => {
                let v = value()?;
                match v.split_once('=') {
                    Some(("stack-size", n)) => c.stack_size = num(n.to_string())?,
                    _ => return Err(format!("unknown -z value: {v}")),
                }
            }
            "stack-first" => c.stack_first = true,
            "global-base" => c.global_base = Some(num(value()?)?),
            "initial-memory" => c.initial_memory = num(value()?)?,
            "max-memory" => c.max_memory = num(value()?)?,
            "initial-heap" => c.initial_heap = num(value()?)?,
            "no-growable-memory" => c.no_growable_memory = true,
            "import-memory" => {
                c.import_memory = Some(match inline {
                    Some(v) => match v.split_once(',') {
                        Some((m, n)) => (m.to_string(), n.to_string()),
                        None => return Err(format!("{arg}: expected module,name")),
                    },
                    None => ("env".into(), "memory".into()),
                })
            }
            "export-memory" => c.export_memory = Some(inline.unwrap_or_else(|| "memory".into())),
            "shared-memory" => c.shared_memory = true,
            "no-shared-memory" => c.shared_memory = false,
            "check-features" => c.check_features = true,
            "no-check-features" => c.check_features = false,
            "features" => c.features = Some(value()?.split(',').map(String::from).collect()),
            "extra-features" => c.extra_features.extend(value()?.split(',').map(String::from)),
            "strip-debug" | "S" => c.strip_debug = true,
            "strip-all" | "s" => c.strip_all = true,
            "keep-section" => c.keep_sections.push(value()?),
            "build-id" => {
                c.build_id = match inline.as_deref() {
                    Some("none") => BuildId::None,
                    None | Some("fast" | "tree") => BuildId::Fast,
                    Some("sha1") => BuildId::Sha1,
                    // A random id would make outputs differ run to run.
                    Some("uuid") => return Err(format!("{arg}: not supported yet (use fast or sha1)")),
                    Some(hex) if hex.starts_with("0x") => BuildId::Hex(parse_hex(&hex[2..]).ok_or_else(|| format!("{arg}: bad hex string"))?),
                    Some(other) => return Err(format!("unknown --build-id style: {other}")),
                }
            }
            "trace-symbol" | "y" => return Err(format!("{arg}: not supported yet")),
            "L" | "library-path" => p.search_paths.push(value()?),
            "l" | "library" => c.inputs.push(InputArg::Library(value()?)),
            "whole-archive" => c.inputs.push(InputArg::WholeArchive(true)),
            "no-whole-archive" => c.inputs.push(InputArg::WholeArchive(false)),
            "start-lib" => c.inputs.push(InputArg::StartLib),
            "end-lib" => c.inputs.push(InputArg::EndLib),
            "m" => {
                let v = value()?;
                if v != "wasm32" {
                    return Err(format!("{arg} {v}: only wasm32 is supported (wasm64 comes later)"));
                }
            }
            "flavor" => {
                let v = value()?;
                if v != "wasm" {
                    return Err(format!("-flavor {v}: only the wasm flavor is supported"));
                }
            }
            "threads" | "rsp-quoting" | "mllvm" | "thinlto-jobs" => {
                value()?;
            }
            "color-diagnostics" if inline.is_some() => {}
            "O" => {}
            n if n.starts_with('O') && n[1..].chars().all(|c| c.is_ascii_digit()) => {}
            "version" | "v" => p.version = true,
            "help" | "h" => p.help = true,
            n if IGNORED.contains(&n) => {}
            "shared" | "pie" | "experimental-pic" | "relocatable" | "r" | "emit-relocs" => {
                return Err(format!("{arg}: not supported yet (PIC, shared libraries and relocatable output come later)"));
            }
            "mwasm64" | "wasm64" => return Err(format!("{arg}: wasm64 is not supported yet")),
            n if WITH_VALUE.contains(&n) => {
                return Err(format!("{arg}: option not supported yet"));
            }
            _ => return Err(format!("unknown argument: {arg}")),
        }
    }
    Ok(p)
}

/// Every option name `parse` handles, for telling `-export` (long) from
/// `-ofile` (short with a joined value).
fn is_known(name: &str) -> bool {
    const FLAGS: &[&str] = &[
        "no-entry", "export-all", "export-dynamic", "no-export-dynamic", "export-table", "import-table",
        "growable-table", "allow-undefined", "import-undefined", "warn-unresolved-symbols",
        "error-unresolved-symbols", "allow-multiple-definition", "fatal-warnings", "no-fatal-warnings",
        "gc-sections", "no-gc-sections", "print-gc-sections", "no-print-gc-sections", "merge-data-segments",
        "no-merge-data-segments", "stack-first", "no-growable-memory", "import-memory", "export-memory",
        "shared-memory", "no-shared-memory", "check-features", "no-check-features", "strip-debug",
        "strip-all", "build-id", "whole-archive", "no-whole-archive", "start-lib", "end-lib", "version",
        "help", "shared", "pie", "experimental-pic", "relocatable", "emit-relocs", "mwasm64", "wasm64",
    ];
    FLAGS.contains(&name) || WITH_VALUE.contains(&name) || IGNORED.contains(&name)
}

fn parse_hex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) || s.is_empty() {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| s.get(i..i + 2).and_then(|b| u8::from_str_radix(b, 16).ok())).collect()
}

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
    let mut out = Vec::new();
    let mut bytes_read = 0;
    expand_into(&mut out, &mut bytes_read, args, read, depth)?;
    Ok(out)
}

fn expand_into(
    out: &mut Vec<String>,
    bytes_read: &mut usize,
    args: &[String],
    read: &dyn Fn(&str) -> Option<String>,
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
                expand_into(out, bytes_read, &split_response(&text), read, depth + 1)?;
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

    fn p(args: &[&str]) -> Result<Parsed, String> {
        let v: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        parse(&v, &|_| None)
    }

    #[test]
    fn wasm_ld_spellings() {
        let r = p(&["-flavor", "wasm", "-o", "x.wasm", "--export=foo", "-export", "bar", "-z", "stack-size=1048576", "-lc", "-L/lib", "a.o", "--no-entry", "-O2"]).unwrap();
        let joined = p(&["-zstack-size=131072", "-ox.wasm", "-export=baz", "-entry=main"]).unwrap();
        assert_eq!(joined.config.stack_size, 131072);
        assert_eq!(joined.config.output, "x.wasm");
        assert_eq!(joined.config.exports, ["baz"]);
        assert_eq!(joined.config.entry.as_deref(), Some("main"));
        assert_eq!(r.config.output, "x.wasm");
        assert_eq!(r.config.exports, ["foo", "bar"]);
        assert_eq!(r.config.stack_size, 1048576);
        assert_eq!(r.search_paths, ["/lib"]);
        assert_eq!(r.config.entry, None);
        assert!(r.config.inputs.contains(&InputArg::Library("c".into())));
        assert!(r.config.inputs.contains(&InputArg::File("a.o".into())));
    }

    #[test]
    fn unknown_flag_is_named() {
        let e = p(&["--frobnicate"]).unwrap_err();
        assert!(e.contains("--frobnicate"), "{e}");
        let e = p(&["--shared"]).unwrap_err();
        assert!(e.contains("not supported yet"), "{e}");
    }

    #[test]
    fn response_files_split_posix() {
        assert_eq!(split_response("a 'b c' \"d\\\"e\" f\\ g\n"), ["a", "b c", "d\"e", "f g"]);
    }
}
