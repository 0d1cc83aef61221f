//! Well-formed object sets generated from the input bytes (and flags): the
//! link's later phases, which raw-byte mutation seldom reaches; each set also through
//! relocatable output (`-r`) and back.
#![no_main]

#[path = "../../tests/objbuilder/mod.rs"]
mod objbuilder;

use objbuilder::generate::{Bytes, link_and_check, link_set};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let (files, flags) = link_set(&mut Bytes(data));
    link_and_check(&files, &flags, wasmlink::fuzz::check);
});
