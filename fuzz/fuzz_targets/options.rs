//! Command-line options (numbers and combinations) over one object.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    wasmlink::fuzz::options(data);
});
