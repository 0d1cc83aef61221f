//! Well-formed object sets generated from the input bytes (and flags): the
//! link's later phases, which raw-byte mutation seldom reaches; each set also through
//! relocatable output (`-r`) and back; and the same bytes again as PIC objects, linked with
//! `-shared` or `-pie`, and as wasm64 objects.
#![no_main]

#[path = "../../tests/objbuilder/mod.rs"]
mod objbuilder;

use objbuilder::generate::{Bytes, SET_MAKERS, link_and_check};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    for make_set in SET_MAKERS {
        let (files, flags) = make_set(&mut Bytes(data));
        link_and_check(&files, &flags, wasmlink::fuzz::check);
    }
});
