//! 64-bit FNV-1a, for cache keys: stable across Rust releases, unlike `DefaultHasher`.

use std::fs;
use std::path::Path;

/// A 64-bit FNV-1a hash of a sequence of length-delimited parts.
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn bytes(&mut self, b: &[u8]) -> &mut Self {
        // Length-delimited, so that ("ab", "c") and ("a", "bc") differ.
        for &x in b.iter().chain(&(b.len() as u64).to_le_bytes()) {
            self.0 = (self.0 ^ x as u64).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self
    }

    pub fn str(&mut self, s: &str) -> &mut Self {
        self.bytes(s.as_bytes())
    }

    /// The path of `p` and its contents.
    pub fn file(&mut self, p: &Path) -> &mut Self {
        let data = fs::read(p).unwrap_or_else(|e| panic!("reading {}: {e}", p.display()));
        self.str(&p.to_string_lossy()).bytes(&data)
    }

    /// The hash so far, as 16 hex digits.
    pub fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}
