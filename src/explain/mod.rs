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

/// A symbol's name as lld prints it in reports (`toString(Symbol)`): see `demangle::show`.
pub fn symbol_name(name: &str, config: &Config) -> String {
    crate::demangle::show(name, config.demangle).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demangle::itanium as demangle;

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
