//! Several inputs plus flags: the input is split into files and arguments.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    wasmlink::fuzz::link_many(data);
});
