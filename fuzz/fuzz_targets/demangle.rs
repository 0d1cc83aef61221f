//! The demangler (the vendored cpp_demangle with wasmlink's patches, and rustc-demangle).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    wasmlink::fuzz::demangle(data);
});
