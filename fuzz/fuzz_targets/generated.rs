//! Well-formed object sets generated from the input bytes (and flags): the
//! link's later phases, which raw-byte mutation seldom reaches.
#![no_main]

#[path = "../../tests/objbuilder/mod.rs"]
mod objbuilder;

use objbuilder::generate::{Bytes, link_set};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let (files, flags) = link_set(&mut Bytes(data));
    let files: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    wasmlink::fuzz::check(objbuilder::link(&files, &flags));
});
