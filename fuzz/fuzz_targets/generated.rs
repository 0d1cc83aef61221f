//! Well-formed object sets generated from the input bytes (and flags): the
//! link's later phases, which raw-byte mutation seldom reaches; each set also through
//! relocatable output (`-r`) and back; and the same bytes again as PIC objects, linked with
//! `-shared` or `-pie`.
#![no_main]

#[path = "../../tests/objbuilder/mod.rs"]
mod objbuilder;

use objbuilder::generate::{Bytes, link_and_check, link_set, pic_link_set};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    for make_set in [link_set, pic_link_set] {
        let (files, flags) = make_set(&mut Bytes(data));
        link_and_check(&files, &flags, wasmlink::fuzz::check);
    }
});
