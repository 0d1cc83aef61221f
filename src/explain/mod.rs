//! Explaining a link, as wasm-ld's debugging switches do. The library only makes the text; the
//! front end writes it where the command line says (`src/main.rs`):
//!   - `-Map=FILE`, `-M`: the link map (`map.rs`, lld's `MapFile.cpp`), in `Output::map`;
//!   - `--why-extract=FILE`: why each archive member joined the link (`why_extract`), in
//!     `Linked::why_extract`, made once symbols are resolved so that a link failing later
//!     still has it, as lld writes it;
//!   - `-t` and `-y NAME`: notes made while symbols are resolved (`resolve.rs`).
//!
//! `--reproduce` is the front end's alone: it has the files (`args::response_file` makes its
//! `response.txt`).

pub mod map;

use crate::config::Config;
use crate::resolve::SymbolTable;

/// lld's `--why-extract=` file: a header, then `reference<TAB>extracted<TAB>symbol` for each
/// extraction, in the order lld records them (a member after those it extracted in turn).
pub fn why_extract(t: &SymbolTable, config: &Config) -> String {
    let mut out = String::from("reference\textracted\tsymbol\n");
    for e in &t.extractions {
        let symbol = symbol_name(t.sym(e.symbol).name, config);
        out.push_str(&format!("{}\t{}\t{}\n", e.reference, t.file(e.file).name, symbol));
    }
    out
}

/// A symbol's name as lld prints it in reports (`toString(Symbol)`): `main` for the
/// `__main_argc_argv` that C's `main(argc, argv)` becomes, else demangled unless
/// `--no-demangle`.
pub fn symbol_name(name: &str, config: &Config) -> String {
    if name == "__main_argc_argv" {
        return "main".into();
    }
    if config.demangle { demangle(name) } else { name.to_string() }
}

/// Longest name handed to the demangler: a real C++ name is far shorter, and the text a
/// demangler makes can grow much faster than its input.
const MAX_DEMANGLED_INPUT: usize = 4096;

/// An Itanium C++ name (`_Z...`, or `__Z...` as some platforms spell it) demangled, as LLVM's
/// `demangle` does; anything else, or a name that does not demangle, as it is. (The
/// Itanium demangler also reads rustc's legacy names, which are `_ZN...E`.)
pub fn demangle(name: &str) -> String {
    let mangled = if name.starts_with("_Z") {
        name
    } else if name.starts_with("__Z") {
        &name[1..]
    } else {
        return name.to_string();
    };
    if mangled.len() > MAX_DEMANGLED_INPUT {
        return name.to_string();
    }
    cpp_demangle::Symbol::new(mangled.as_bytes())
        .ok()
        .and_then(|s| s.demangle().ok())
        .map_or_else(|| name.to_string(), |d| llvm_style(&d, mangled))
}

/// cpp_demangle's text in the words of LLVM's demangler, where they differ in form: `>>` for
/// `> >`, `8ul` for `(unsigned long)8`, `vtable for X`, `VTT for X`, thunks, the TLS routines,
/// and the operands of a construction vtable the other way round. (Some names of involved
/// templates still differ: cpp_demangle is not LLVM's demangler.)
fn llvm_style(d: &str, mangled: &str) -> String {
    let mut d = d.replace("> >", ">>");
    while d.contains("> >") {
        d = d.replace("> >", ">>");
    }
    for (ty, suffix) in
        [("(unsigned long long)", "ull"), ("(unsigned long)", "ul"), ("(unsigned int)", "u"), ("(long long)", "ll"), ("(long)", "l")]
    {
        d = literal_suffix(&d, ty, suffix);
    }
    let special = |prefix: &str| d.strip_prefix(prefix).and_then(|r| r.strip_suffix(")}"));
    if let Some(ty) = special("{vtable(") {
        return format!("vtable for {ty}");
    }
    if let Some(ty) = special("{vtt(") {
        return format!("VTT for {ty}");
    }
    if let Some(mut rest) = special("{virtual override thunk(") {
        // The offsets (`{offset(-8)}, `, `{virtual offset(0, -24)}, `), then the function.
        while rest.starts_with('{')
            && let Some(end) = rest.find("}, ")
        {
            rest = &rest[end + 3..];
        }
        let kind = match mangled.as_bytes().get(3) {
            Some(b'h') => "non-virtual thunk to ",
            Some(b'c') => "covariant return thunk to ",
            _ => "virtual thunk to ",
        };
        return format!("{kind}{rest}");
    }
    if let Some(rest) = d.strip_prefix("TLS init function for ") {
        return format!("thread-local initialization routine for {rest}");
    }
    if let Some(rest) = d.strip_prefix("TLS wrapper function for ") {
        return format!("thread-local wrapper routine for {rest}");
    }
    if let Some(rest) = d.strip_prefix("construction vtable for ")
        && let Some(at) = top_level(rest, "-in-")
    {
        return format!("construction vtable for {}-in-{}", &rest[at + 4..], &rest[..at]);
    }
    d
}

/// `(unsigned long)8` as `8ul`.
fn literal_suffix(d: &str, ty: &str, suffix: &str) -> String {
    let mut out = String::with_capacity(d.len());
    let mut rest = d;
    while let Some(at) = rest.find(ty) {
        let after = &rest[at + ty.len()..];
        let digits = after.strip_prefix('-').unwrap_or(after);
        let n = digits.bytes().take_while(u8::is_ascii_digit).count();
        out.push_str(&rest[..at]);
        if n == 0 {
            out.push_str(ty);
            rest = after;
            continue;
        }
        let len = after.len() - digits.len() + n;
        out.push_str(&after[..len]);
        out.push_str(suffix);
        rest = &after[len..];
    }
    out.push_str(rest);
    out
}

/// Where `pat` first occurs outside brackets.
fn top_level(s: &str, pat: &str) -> Option<usize> {
    let mut depth = 0i32;
    for (i, c) in s.char_indices() {
        match c {
            '<' | '(' | '[' => depth += 1,
            '>' | ')' | ']' => depth -= 1,
            _ if depth == 0 && s[i..].starts_with(pat) => return Some(i),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demangles_itanium_names_only() {
        assert_eq!(demangle("_Z1bv"), "b()");
        assert_eq!(demangle("_ZN3foo3barEi"), "foo::bar(int)");
        assert_eq!(demangle("__Z1bv"), "b()");
        assert_eq!(demangle("main"), "main");
        assert_eq!(demangle("_Znot a name"), "_Znot a name");
        assert_eq!(demangle("_Z"), "_Z");
        // In LLVM's words.
        assert_eq!(demangle("_ZTVN2ns1AE"), "vtable for ns::A");
        assert_eq!(demangle("_ZTTNSt3__210istrstreamE"), "VTT for std::__2::istrstream");
        assert_eq!(demangle("_ZTH5errno"), "thread-local initialization routine for errno");
        assert_eq!(demangle("_ZTW5errno"), "thread-local wrapper routine for errno");
        assert_eq!(demangle("_ZThn8_N1B1fEv"), "non-virtual thunk to B::f()");
        assert_eq!(demangle("_ZTv0_n24_N1B1fEv"), "virtual thunk to B::f()");
        assert_eq!(demangle("_Z1fIN1AIN1BIiEEEEEvv"), "void f<A<B<int>>>()");
        assert_eq!(demangle("_Z1fILm32EEvv"), "void f<32ul>()");
        assert_eq!(
            demangle("_ZTCNSt3__210istrstreamE0_NS_13basic_istreamIcNS_11char_traitsIcEEEE"),
            "construction vtable for std::__2::basic_istream<char, std::__2::char_traits<char>>-in-std::__2::istrstream"
        );
        let config = Config { demangle: false, ..Config::default() };
        assert_eq!(symbol_name("_Z1bv", &config), "_Z1bv");
        assert_eq!(symbol_name("__main_argc_argv", &config), "main");
    }

    /// Hostile names end in the name itself, quickly, never a crash.
    #[test]
    fn hostile_names() {
        let deep = format!("_Z1f{}", "PP".repeat(20_000));
        assert_eq!(demangle(&deep), deep);
        let nested = format!("_Z{}v", "N1a".repeat(1000));
        let _ = demangle(&nested);
        let subs = format!("_Z1fI{}E", "S_".repeat(1000));
        let _ = demangle(&subs);
    }
}
