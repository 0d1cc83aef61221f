//! The command-line parser (with response files).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    wasmlink::fuzz::args(data);
});
