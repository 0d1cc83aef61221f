//! One object file through the whole link: parse errors and link errors
//! are fine, panics are not.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    wasmlink::fuzz::link_one(data);
});
