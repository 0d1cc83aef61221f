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
    if !demangle || !(name.starts_with("_Z") || name.starts_with("__Z") || name.starts_with("_R")) {
        return Cow::Borrowed(name);
    }
    // As LLVM's `demangle`: `_Z` names are Itanium's (Rust's legacy names among them, which it
    // reads as they are: `drop_in_place$LT$...$GT$::h0123456789abcdef`), `_R` names Rust's v0.
    if name.starts_with("_R") {
        return rust_v0(name).map_or(Cow::Borrowed(name), Cow::Owned);
    }
    Cow::Owned(itanium(name))
}

/// A Rust v0 name as LLVM's Rust demangler writes it: without the crates' disambiguators
/// (`std`, not `std[6755ea078148a6bd]`), and a `.suffix` after it in parentheses.
fn rust_v0(name: &str) -> Option<String> {
    if name.len() > MAX_DEMANGLED_INPUT {
        return None;
    }
    let (symbol, suffix) = name.find('.').map_or((name, ""), |dot| name.split_at(dot));
    let d = rustc_demangle::try_demangle(symbol).ok()?;
    Some(if suffix.is_empty() { format!("{d:#}") } else { format!("{d:#} ({suffix})") })
}

/// Longest name handed to the demangler: a real C++ name is far shorter, and the text a
/// demangler makes can grow much faster than its input.
const MAX_DEMANGLED_INPUT: usize = 4096;

/// An Itanium C++ name (`_Z...`, or `__Z...` as some platforms spell it) demangled, as LLVM's
/// `demangle` does; anything else, or a name that does not demangle, as it is. (The
/// Itanium demangler also reads rustc's legacy names, which are `_ZN...E`.)
pub fn itanium(name: &str) -> String {
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
    // LLVM writes a template operator's arguments right after it: `operator<<<T>`.
    if d.contains("operator< ") || d.contains("operator<< ") {
        d = d.replace("operator<< <", "operator<<<").replace("operator< <", "operator<<");
    }
    if d.contains(", )") || d.contains("(, ") || d.contains("<, ") || d.contains(", >") || d.contains(", , ") || d.contains(">(&") {
        d = without_empty_packs(&d);
    }
    if let Some(declarator) = returned_declarator(&d) {
        d = declarator;
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

/// cpp_demangle writes an empty pack expansion as nothing, keeping its comma (`f<>(int, )`),
/// which no C++ name has: the commas go, as LLVM writes them (`f<>(int)`). So does a reference
/// left alone where a pack of `T&&...` was empty (`g<int, >(int*, &&)`): the vendored crate no
/// longer writes one for a real name, but still does for an empty pack nested in another, as
/// mangled names LLVM refuses have. (`(&)` stays: it is also how a reference to a function is
/// written.)
fn without_empty_packs(d: &str) -> String {
    let mut d = d.to_string();
    loop {
        let before = d.len();
        for (from, to) in [
            (", &&)", ")"),
            (", &)", ")"),
            ("(&&, ", "("),
            ("(&, ", "("),
            // A template's parameters that are its empty pack alone (`(&)` elsewhere is a
            // reference to a function).
            (">(&&)", ">()"),
            (">(&)", ">()"),
            (", &&, ", ", "),
            (", &, ", ", "),
            (", , ", ", "),
            (", )", ")"),
            ("(, ", "("),
            ("<, ", "<"),
            (", >", ">"),
        ] {
            d = d.replace(from, to);
        }
        if d.len() == before {
            return d;
        }
    }
}

/// A function template that returns a pointer or reference to a function or an array, as C++
/// declares it and LLVM writes it: `void (*f<int>(int))()` for cpp_demangle's
/// `void (*)() f<int>(int)`, `char (&f<int>(int)) [2]` for `char (&) [2] f<int>(int)`,
/// `void (*&&std::forward<T>(U&))(void*)` for `void (*&&)(void*) std::forward<T>(U&)`, any
/// qualifiers of the function last. None for anything else (a declarator with more in it than
/// `*`, `&` and qualifiers is left as it is).
fn returned_declarator(d: &str) -> Option<String> {
    // The first parenthesis outside template arguments opens the declarator.
    let mut angle = 0i32;
    let mut open = None;
    for (i, c) in d.char_indices() {
        match c {
            '<' => angle += 1,
            '>' => angle -= 1,
            '(' if angle == 0 => {
                open = Some(i);
                break;
            }
            _ => {}
        }
    }
    let open = open?;
    let ret = d[..open].strip_suffix(' ')?;
    let close = open + d[open..].find(')')?;
    let declarator = &d[open + 1..close];
    let bare = declarator.replace("const", "").replace("volatile", "").replace("restrict", "");
    if declarator.is_empty() || !bare.chars().all(|c| matches!(c, '*' | '&' | ' ')) {
        return None;
    }
    // A reference or pointer to an array: `char const (&f<T>(T&)) [10]`.
    if let Some(bounds) = d[close + 1..].strip_prefix(" [")
        && let Some(end) = bounds.find("] ")
        && !bounds[..end].contains(['[', '(', '<'])
    {
        let rest = &bounds[end + 2..];
        return rest.ends_with(')').then(|| format!("{ret} ({declarator}{rest}) [{}]", &bounds[..end]));
    }
    let params_end = close + 1 + matching_paren(&d[close + 1..])?;
    let rest = d[params_end + 1..].strip_prefix(' ')?;
    // The function's own parameters: its last parenthesized group (its name may hold
    // `(anonymous namespace)`), then its qualifiers.
    let last = rest.rfind(')')?;
    let mut depth = 0;
    let mut args_open = None;
    for (i, c) in rest[..=last].char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth -= 1;
                if depth == 0 {
                    args_open = Some(i);
                    break;
                }
            }
            _ => {}
        }
    }
    if args_open? == 0 {
        return None;
    }
    Some(format!("{ret} ({declarator}{})({}){}", &rest[..=last], &d[close + 2..params_end], &rest[last + 1..]))
}

/// Where the parenthesis that `s` opens with closes.
fn matching_paren(s: &str) -> Option<usize> {
    if !s.starts_with('(') {
        return None;
    }
    let mut depth = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
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
    use super::show;

    #[test]
    fn as_llvm_shows_them() {
        assert_eq!(show("_Z3fooi", true), "foo(int)");
        assert_eq!(show("_ZN3foo3barEi", true), "foo::bar(int)");
        assert_eq!(show("_ZTVN2ns1AE", true), "vtable for ns::A");
        assert_eq!(show("_Z3fooi", false), "_Z3fooi");
        assert_eq!(show("_ZNK5Shape4nameEv", true), "Shape::name() const");
        assert_eq!(show("_ZN3std2io5stdio6_print17h0123456789abcdefE", true), "std::io::stdio::_print::h0123456789abcdef");
        assert_eq!(show("__main_argc_argv", false), "main");
        assert_eq!(show("_Znotmangled", true), "_Znotmangled");
        // Rust's v0 names as LLVM (llvm-cxxfilt-19) writes them.
        assert_eq!(show("_RINvNtCs8S3hG3lcRCz_3std9panicking11begin_panicReEB4_", true), "std::panicking::begin_panic::<&str>");
        assert_eq!(
            show("_RNvNCNvNtNtCs8S3hG3lcRCz_3std2io5stdio14OUTPUT_CAPTURE023___RUST_STD_INTERNAL_VAL.0", true),
            "std::io::stdio::OUTPUT_CAPTURE::{closure#0}::__RUST_STD_INTERNAL_VAL (.0)"
        );
        // A legacy name is read by the Itanium demangler, `$` escapes and all, or left as it is.
        assert_eq!(
            show("_ZN4core3ptr85drop_in_place$LT$std..rt..lang_start$LT$$LP$$RP$$GT$..$u7b$$u7b$closure$u7d$$u7d$$GT$17h0123456789abcdefE", true),
            "core::ptr::drop_in_place$LT$std..rt..lang_start$LT$$LP$$RP$$GT$..$u7b$$u7b$closure$u7d$$u7d$$GT$::h0123456789abcdef"
        );
        assert_eq!(
            show("_ZN71_$LT$alloc..vec..Vec$LT$T$C$A$GT$$u20$as$u20$core..ops..drop..Drop$GT$4drop17hd2d7e5d5ad81d81fE", true),
            "_ZN71_$LT$alloc..vec..Vec$LT$T$C$A$GT$$u20$as$u20$core..ops..drop..Drop$GT$4drop17hd2d7e5d5ad81d81fE"
        );
        assert_eq!(show("plain", true), "plain");
    }

    /// A template constructor's mangled name has no return type: its first type is its first
    /// parameter (vendor/cpp_demangle/PATCHED.md). The expected texts are llvm-cxxfilt-19's.
    #[test]
    fn template_constructors_keep_their_first_parameter() {
        assert_eq!(show("_ZN1AC2IiiEEOT_OT0_", true), "A::A<int, int>(int&&, int&&)");
        assert_eq!(show("_ZN1AIcEC2IPcvEET_S3_", true), "A<char>::A<char*, void>(char*, char*)");
        assert_eq!(
            show("_ZNSt3__212basic_stringIcNS_11char_traitsIcEENS_9allocatorIcEEEC2IPcvEET_S8_RKS4_", true),
            "std::__2::basic_string<char, std::__2::char_traits<char>, std::__2::allocator<char>>::basic_string<char*, void>(char*, char*, std::__2::allocator<char> const&)"
        );
        // Empty parameter packs, and template operators.
        assert_eq!(show("_ZNSt3__227__do_deallocate_handle_sizeIJEEEvPvmDpT_", true), "void std::__2::__do_deallocate_handle_size<>(void*, unsigned long)");
        assert_eq!(show("_ZNSt3__29allocatorIiE9constructIiJEEEvPT_DpOT0_", true), "void std::__2::allocator<int>::construct<int>(int*)");
        assert_eq!(show("_Z1fIJEEvDpT_i", true), "void f<>(int)");
        assert_eq!(show("_Z1hIJEiEvDpT_T0_", true), "void h<int>(int)");
        assert_eq!(show("_Z1fIJEEvDpT_", true), "void f<>()");
        assert_eq!(
            show("_ZNSt3__211make_sharedINS_4__fs10filesystem28recursive_directory_iterator12__shared_impEJEvEENS_10shared_ptrIT_EEDpOT0_", true),
            "std::__2::shared_ptr<std::__2::__fs::filesystem::recursive_directory_iterator::__shared_imp> std::__2::make_shared<std::__2::__fs::filesystem::recursive_directory_iterator::__shared_imp, void>()"
        );
        assert_eq!(show("_ZN10__cxxabiv112_GLOBAL__N_111dtors_aliveE", true), "__cxxabiv1::(anonymous namespace)::dtors_alive");
        assert_eq!(
            show("_ZNSt3__2lsINS_11char_traitsIcEEEERNS_13basic_ostreamIcT_EES6_PKc", true),
            "std::__2::basic_ostream<char, std::__2::char_traits<char>>& std::__2::operator<<<std::__2::char_traits<char>>(std::__2::basic_ostream<char, std::__2::char_traits<char>>&, char const*)"
        );
        assert_eq!(show("_ZNSt3__2ltIiEEbRKi", true), "bool std::__2::operator<<int>(int const&)");
        // A pack expansion's reference is each element's (vendor/cpp_demangle/PATCHED.md),
        // collapsing with an element's own; a nested-name prefix takes none.
        assert_eq!(show("_Z1fIJRiN1A1BEiEEvDpOT_", true), "void f<int&, A::B, int>(int&, A::B&&, int&&)");
        assert_eq!(show("_Z4makeIJRPN1X4NodeENS1_4PrecEEEvDpOT_", true), "void make<X::Node*&, X::Node::Prec>(X::Node*&, X::Node::Prec&&)");
        assert_eq!(show("_Z1fN1X4NodeERNS0_4PrecE", true), "f(X::Node, X::Node::Prec&)");
        assert_eq!(show("_Z1fIJiRKcEEvDpRKT_", true), "void f<int, char const&>(int const&, char const& const&)");
        assert_eq!(show("_Z1fIJiPcEEvDpPT_", true), "void f<int, char*>(int*, char**)");
        // A template parameter declaration before an argument is not written; closures and
        // unnamed types in LLVM's words.
        assert_eq!(
            show("_ZNSt3__212basic_stringIcNS_11char_traitsIcEENS_9allocatorIcEEE6appendB8nn190107IPKcTnNS_9enable_ifIXsr31__has_forward_iterator_categoryIT_EE5valueEiE4typeELi0EEERS5_SA_SA_", true),
            "std::__2::basic_string<char, std::__2::char_traits<char>, std::__2::allocator<char>>& std::__2::basic_string<char, std::__2::char_traits<char>, std::__2::allocator<char>>::append[abi:nn190107]<char const*, 0>(char const*, char const*)"
        );
        assert_eq!(show("_ZZ1fvENKUlvE_clEv", true), "f()::'lambda'()::operator()() const");
        assert_eq!(show("_ZZ1fvENKUliE1_clEi", true), "f()::'lambda1'(int)::operator()(int) const");
        assert_eq!(show("_ZN1AUt0_E", true), "A::'unnamed0'");
        // Expressions by precedence, as LLVM writes them.
        assert_eq!(
            show("_ZNSt3__2miIPKcPcEEDTmicldtfp_4baseEcldtfp0_4baseEERKNS_11__wrap_iterIT_EERKNS5_IT0_EE", true),
            "decltype(fp.base() - fp0.base()) std::__2::operator-<char const*, char*>(std::__2::__wrap_iter<char const*> const&, std::__2::__wrap_iter<char*> const&)"
        );
        assert_eq!(
            show("_ZNSt3__24swapIbEENS_9enable_ifIXaasr21is_move_constructibleIT_EE5valuesr18is_move_assignableIS2_EE5valueEvE4typeERS2_S5_", true),
            "std::__2::enable_if<is_move_constructible<bool>::value && is_move_assignable<bool>::value, void>::type std::__2::swap<bool>(bool&, bool&)"
        );
        assert_eq!(show("_Z1fILi1EEvPAquaaLi1EgtT_Li0ELi1ELi2E_i", true), "void f<1>(int (*) [1 && 1 > 0 ? 1 : 2])");
        assert_eq!(show("_Z1gILb1EEvN1AIXgtT_Li0EEE4typeE", true), "void g<true>(A<(true > 0)>::type)");
        // A pack of values its arguments give, written as them.
        assert_eq!(show("_Z1fIJLi0ELi1EEEv1AIJXspT_EEE", true), "void f<0, 1>(A<0, 1>)");
        assert_eq!(show("_Z1fIJEEv1AIJXspT_EEE", true), "void f<>(A<>)");
        // A function template returning a pointer or reference to a function or an array.
        assert_eq!(show("_Z1fIiERA2_cv", true), "char (&f<int>()) [2]");
        assert_eq!(show("_Z1fIiEPFvvEi", true), "void (*f<int>(int))()");
        assert_eq!(show("_ZNK1A1fIiEEPFviEv", true), "void (*A::f<int>())(int) const");
        assert_eq!(show("_Z1fIiERFvvEi", true), "void (&f<int>(int))()");
        assert_eq!(
            show("_ZNSt3__212_GLOBAL__N_120__libcpp_atomic_loadIPFvvEEET_PKS4_i", true),
            "void (*std::__2::(anonymous namespace)::__libcpp_atomic_load<void (*)()>(void (* const*)(), int))()"
        );
        assert_eq!(
            show("_ZNSt3__27forwardIPFvPvEEEOT_RNS_16remove_referenceIS4_E4typeE", true),
            "void (*&&std::__2::forward<void (*)(void*)>(std::__2::remove_reference<void (*)(void*)>::type&))(void*)"
        );
        // An ordinary function template still has its return type first.
        assert_eq!(show("_ZN1A1fIiiEEvOT_OT0_", true), "void A::f<int, int>(int&&, int&&)");
        // An inheriting constructor is named after its class; its base is a name, not a
        // substitution candidate (`S1_` is `char const*`).
        assert_eq!(show("_ZN1BCI21AEi", true), "B::B(int)");
        assert_eq!(show("_ZN1BCI21AEPKcS1_", true), "B::B(char const*, char const*)");
        assert_eq!(
            show("_ZN10__cxxabiv112_GLOBAL__N_117InitByteNoThreadsCI2NS0_11GuardObjectIS1_EEEPj", true),
            "__cxxabiv1::(anonymous namespace)::InitByteNoThreads::InitByteNoThreads(unsigned int*)"
        );
        // A closure's or an unnamed type's constructor and destructor have no name.
        assert_eq!(show("_ZN1AUt_C2Ev", true), "A::'unnamed'::()");
        assert_eq!(show("_ZZ1fvENUlvE_D2Ev", true), "f()::'lambda'()::~()");
        // An expression's pack expansion: its pattern for each element, nothing for none.
        assert_eq!(
            show("_Z3invI1QJilEEDTclscT_fp_spscT0_fp0_EEOS1_DpOS2_", true),
            "decltype(static_cast<Q>(fp)(static_cast<int>(fp0), static_cast<long>(fp0))) inv<Q, int, long>(Q&&, int&&, long&&)"
        );
        assert_eq!(show("_Z3invI1QJEEDTclscT_fp_spscT0_fp0_EEOS1_DpOS2_", true), "decltype(static_cast<Q>(fp)()) inv<Q>(Q&&)");
        assert_eq!(
            show("_Z3cntIJilEEDTplsZfp_cl2f2spfp_EEDpT_", true),
            "decltype(sizeof... (fp) + f2(fp...)) cnt<int, long>(int, long)"
        );
        // Fold expressions.
        assert_eq!(show("_Z3sumIJilEEDTflplfp_EDpT_", true), "decltype((... + (fp...))) sum<int, long>(int, long)");
        assert_eq!(show("_Z3sumIJilEEDTfrplfp_EDpT_", true), "decltype(((fp...) + ...)) sum<int, long>(int, long)");
        assert_eq!(show("_Z3sumIJilEEDTfLplLi1Efp_EDpT_", true), "decltype((1 + ... + (fp...))) sum<int, long>(int, long)");
        assert_eq!(show("_Z3sumIJilEEDTfRplfp_Li1EEDpT_", true), "decltype(((fp...) + ... + 1)) sum<int, long>(int, long)");
        // clang's enable_if attribute, after the parameters and qualifiers.
        assert_eq!(show("_Z6memchrUa9enable_ifILb1EEPKvim", true), "memchr(void const*, int, unsigned long) [enable_if:true]");
        assert_eq!(show("_ZNK1A1fEUa9enable_ifIXgtfL0p_Li0EEEi", true), "A::f(int) const [enable_if:fp > 0]");
        assert_eq!(show("_Z1hUa9enable_ifIXgtfL0p_Li0EEXltfL0p0_Li3EEEii", true), "h(int, int) [enable_if:fp > 0, fp0 < 3]");
        assert_eq!(show("_Z1kIlEUa9enable_ifIXgtLm4ELi1EEEiT_", true), "int k<long>(long) [enable_if:4ul > 1]");
        // clang's type traits (vendor types, substitution candidates, and vendor expressions),
        // generic lambdas' `auto`, C++20's constrained parameters, as LLVM writes them.
        assert_eq!(show("_Z1fu7__decayIiES_", true), "f(__decay(int), __decay(int))");
        assert_eq!(show("_Z1fu3fooS_", true), "f(foo, foo)");
        assert_eq!(show("_Z1fIRiEvOu7__decayIT_E", true), "void f<int&>(__decay(int&)&&)");
        assert_eq!(
            show("_ZNSt3__212__tuple_leafILm0EiLb0EEC2B8nn190107IiTnNS_9enable_ifIXsr4_AndINS_17integral_constantIbXntu9__is_sameu14__remove_cvrefIT_ES1_EEEENS_16is_constructibleIiJS5_EEEEE5valueEiE4typeELi0EEEOS5_", true),
            "std::__2::__tuple_leaf<0ul, int, false>::__tuple_leaf[abi:nn190107]<int, 0>(int&&)"
        );
        assert_eq!(show("_ZZ1fvENKUlRT_E_clIiEEDaS0_", true), "auto f()::'lambda'(auto&)::operator()<int>(auto&) const");
        assert_eq!(show("_Z1fITk5SmallcEiT_", true), "int f<char>(char)");
        assert_eq!(show("_Z1gITk4SameIiEiEiT_", true), "int g<int>(int)");
        // A `Tk` naming a parameter not yet read is refused, as by LLVM.
        assert_eq!(show("_Z1fITk1CIT_EiEvT_", true), "_Z1fITk1CIT_EiEvT_");
        assert_eq!(show("_Z1fIiTk1CIT_EiEvT0_", true), "void f<int, int>(int)");
        // A type's pack expansion: its pattern for each element; after a template parameter
        // declaration, a pack written whole (LLVM's own quirk); a reference to a closure type.
        assert_eq!(
            show("_ZNSt3__210make_tupleB8nn190107IJidEEENS_5tupleIJDpNS_18__unwrap_ref_decayIT_E4typeEEEEDpOS4_", true),
            "std::__2::tuple<std::__2::__unwrap_ref_decay<int>::type, std::__2::__unwrap_ref_decay<double>::type> std::__2::make_tuple[abi:nn190107]<int, double>(std::__2::__unwrap_ref_decay<int>&&, std::__2::__unwrap_ref_decay<double>&&)"
        );
        assert_eq!(show("_Z1fIJiRlEEvPFvDpOT_E", true), "void f<int, long&>(void (*)(int&&, long&))");
        assert_eq!(
            show("_ZNSt3__24pairIKNS_12basic_stringIcNS_11char_traitsIcEENS_9allocatorIcEEEEiEC2B8nn190107IJRS7_EJEJLm0EETpTnmJEEENS_21piecewise_construct_tERNS_5tupleIJDpT_EEERNSC_IJDpT0_EEENS_15__tuple_indicesIJXspT1_EEEENSL_IJXspT2_EEEE", true),
            "std::__2::pair<std::__2::basic_string<char, std::__2::char_traits<char>, std::__2::allocator<char>> const, int>::pair[abi:nn190107]<std::__2::basic_string<char, std::__2::char_traits<char>, std::__2::allocator<char>> const&, 0ul>(std::__2::piecewise_construct_t, std::__2::tuple<std::__2::basic_string<char, std::__2::char_traits<char>, std::__2::allocator<char>> const&>&, std::__2::tuple<>&, std::__2::__tuple_indices<0ul>, std::__2::__tuple_indices<...>)"
        );
        assert_eq!(show("_Z1gIJiEEvPFvOZ1hvEUlRT_E_E", true), "void g<int>(void (*)(h()::'lambda'(auto&)&&))");
        // C++20: requires-clauses (after template arguments, read and not written, their
        // template parameters then named as mangled, as LLVM does; trailing, written),
        // requires-expressions, constrained `auto`, member-like friends; a conversion's type
        // in parentheses.
        assert_eq!(
            show("_ZNKSt3__26ranges11__iter_move4__fnclB8nn190107IRKPPiQ12__move_derefIT_EEEDTclsr3stdE4movedeclsr3stdE7forwardIS8_Efp_EEEOS8_", true),
            "decltype(std::move(*std::forward<T>(fp))) std::__2::ranges::__iter_move::__fn::operator()[abi:nn190107]<int** const&>(T&&) const"
        );
        assert_eq!(
            show("_ZNKSt3__26ranges6__size4__fnclB8nn190107ITkNS1_13__member_sizeERNS_6vectorIiNS_9allocatorIiEEEEEEDkNS_14__integer_likeEOT_", true),
            "std::__2::__integer_like auto std::__2::ranges::__size::__fn::operator()[abi:nn190107]<std::__2::vector<int, std::__2::allocator<int>>&>(std::__2::vector<int, std::__2::allocator<int>>&) const"
        );
        assert_eq!(
            show("_ZNSt3__2neB8nn190107IP1PS2_EEbRKNS_16reverse_iteratorIT_EERKNS3_IT0_EEQrqXnecldtfp_4baseEcldtfp0_4baseERNS_14convertible_toIbEEE", true),
            "bool std::__2::operator!=[abi:nn190107]<P*, P*>(std::__2::reverse_iterator<P*> const&, std::__2::reverse_iterator<P*> const&) requires requires { {fp.base() != fp0.base()} -> std::__2::convertible_to<bool>; }"
        );
        assert_eq!(
            show("_ZN1XFeqERKS_S1_", true),
            "X::friend operator==(X const&, X const&)"
        );
        assert_eq!(
            show("_Z1fIiQ1XIT_EEvT_", true),
            "void f<int>(int)"
        );
        assert_eq!(
            show("_Z1fIiEvT_Q1XIT_E", true),
            "void f<int>(int) requires X<T>"
        );
        assert_eq!(
            show("_Z1fIiEDTcvT__EEv", true),
            "decltype((int)()) f<int>()"
        );
        assert_eq!(
            show("_Z1fIiEvT_QrqXfp_NTT_QLb1EE", true),
            "void f<int>(int) requires requires { {fp} noexcept; typename T; requires true; }"
        );
        // C++20 lambdas with explicit template parameters, by the names LLVM invents.
        assert_eq!(show("_ZNK1aMUlTyT_E_clIiEEDaS0_", true), "auto a::'lambda'<typename $T>($T)::operator()<int>($T) const");
        assert_eq!(
            show("_ZNK1dMUlTkNSt3__28integralET_T0_E_clIiiEEDaS1_S2_", true),
            "auto d::'lambda'<std::__2::integral $T>($T, auto)::operator()<int, int>($T, auto) const"
        );
        assert_eq!(show("_ZNK1eMUlTpTyDpT_E_clIJiiEEEDaS1_", true), "auto e::'lambda'<typename ...$T>($T...)::operator()<int, int>($T...) const");
        assert_eq!(
            show("_ZNK1fMUlTtTyE1HIT_EE_clI1WEEDaS2_", true),
            "auto f::'lambda'<template<typename $T> typename $TT>(H<$TT>)::operator()<W>(H<$TT>) const"
        );
        assert_eq!(show("_ZNK1cMUlTniiE_clILi3EEEDai", true), "auto c::'lambda'<int $N>(int)::operator()<3>(int) const");
        // A template parameter means the argument it meant where it was read, also through a
        // substitution named in another encoding (as LLVM binds it).
        assert_eq!(
            show("_ZNSt3__224__subject_seq_combinatorB8nn190107IPKcjZNS_17__from_chars_atoiB8nn190107IjTnNS_9enable_ifIXsr11is_unsignedIT_EE5valueEiE4typeELi0EEENS_17from_chars_resultES2_S2_RS5_EUlS2_S2_RjE_JEEES8_S5_S5_RT0_T1_DpT2_", true),
            "std::__2::from_chars_result std::__2::__subject_seq_combinator[abi:nn190107]<char const*, unsigned int, std::__2::from_chars_result std::__2::__from_chars_atoi[abi:nn190107]<unsigned int, 0>(char const*, char const*, unsigned int&)::'lambda'(char const*, char const*, unsigned int&)>(unsigned int, unsigned int, unsigned int&, std::__2::from_chars_result std::__2::__from_chars_atoi[abi:nn190107]<unsigned int, 0>(char const*, char const*, unsigned int&)::'lambda'(char const*, char const*, unsigned int&))"
        );
        assert_eq!(
            show("_ZZ1fIiEvT_EN1X1gES0_", true),
            "void f<int>(int)::X::g(int)"
        );
        // A local function template whose type names its template parameters does not
        // demangle in LLVM 19 to 22: wasm-ld leaves it mangled.
        assert_eq!(show("_ZZ1fvE1gIiEvT_", true), "_ZZ1fvE1gIiEvT_");
        assert_eq!(show("_ZZ4mainvENK3$_0clIiEEvi", true), "void main()::$_0::operator()<int>(int) const");
        // Pack expansions nested to multiply (10^13 writings of the innermost pattern): the
        // name stays as it is, at once.
        let mut pattern = "scT_Li0E".to_string();
        for _ in 0..12 {
            pattern = format!("cl1gscT_Li0Esp{pattern}E");
        }
        let hostile = format!("_Z1fIJiiiiiiiiiiEEvDTcl1hsp{pattern}EE");
        assert_eq!(show(&hostile, true), hostile);
    }
}
