//! Symbol names as wasm-ld shows them (its `maybeDemangleSymbol`): demangled in diagnostics and
//! in the name section unless `--no-demangle`. Itanium C++ names (`_Z`) and Rust's (`_ZN..E`
//! legacy, `_R` v0) are demangled as LLVM's demangler does; anything else, or a name that does
//! not parse, stays as it is.

use std::borrow::Cow;

/// `name` for people: demangled when `demangle`; `__main_argc_argv` (the `main` that takes
/// arguments, renamed so that its signature may differ) is `main` either way.
pub fn show(name: &str, demangle: bool) -> Cow<'_, str> {
    if name == "__main_argc_argv" {
        return Cow::Borrowed("main");
    }
    if !demangle || !(name.starts_with("_Z") || name.starts_with("_R")) {
        return Cow::Borrowed(name);
    }
    // Rust's own first: its legacy names are Itanium-shaped, and it reads them faster.
    if let Ok(d) = rustc_demangle::try_demangle(name) {
        return Cow::Owned(d.to_string());
    }
    if name.starts_with("_Z")
        && let Ok(sym) = cpp_demangle::Symbol::new(name)
        && let Ok(d) = sym.demangle()
    {
        return Cow::Owned(d);
    }
    Cow::Borrowed(name)
}

#[cfg(test)]
mod tests {
    use super::show;

    #[test]
    fn as_llvm_shows_them() {
        assert_eq!(show("_Z3fooi", true), "foo(int)");
        assert_eq!(show("_Z3fooi", false), "_Z3fooi");
        assert_eq!(show("_ZNK5Shape4nameEv", true), "Shape::name() const");
        assert_eq!(show("_ZN3std2io5stdio6_print17h0123456789abcdefE", true), "std::io::stdio::_print::h0123456789abcdef");
        assert_eq!(show("__main_argc_argv", false), "main");
        assert_eq!(show("_Znotmangled", true), "_Znotmangled");
        assert_eq!(show("plain", true), "plain");
    }
}
