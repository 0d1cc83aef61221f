//! Archive parsing, and a link that pulls members from it.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    wasmlink::fuzz::archive(data);
});
