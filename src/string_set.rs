//! The order in which LLVM's `StringSet` hands back its names.
//!
//! lld keeps `--export` and `--export-if-defined` names in one `StringSet` and pulls archive
//! members for them in its iteration order, which is its hash table's bucket order, not the
//! command line's. That order decides which members join first, and so where their functions
//! and data land: to write wasm-ld's module byte for byte, resolution visits those names in the
//! same order. This is LLVM 19's `StringMapImpl`: 16 buckets to start, 32 bits of xxh3-64 of
//! the name, quadratic probing, doubled past three quarters full (never a tombstone: nothing
//! is removed).

/// `names` (duplicates dropped) in the order an LLVM `StringSet` filled with them, in turn,
/// iterates.
pub fn iteration_order<'n>(names: impl IntoIterator<Item = &'n str>) -> Vec<&'n str> {
    let mut table = Table { buckets: vec![None; 16], items: 0 };
    for name in names {
        table.insert(name);
    }
    table.buckets.into_iter().flatten().map(|(name, _)| name).collect()
}

struct Table<'n> {
    /// Each bucket: a name and its 32-bit hash.
    buckets: Vec<Option<(&'n str, u32)>>,
    items: usize,
}

impl<'n> Table<'n> {
    fn insert(&mut self, name: &'n str) {
        // (`StringMapImpl::hash`: the 64-bit hash truncated.)
        let hash = xxhash_rust::xxh3::xxh3_64(name.as_bytes()) as u32;
        let mask = self.buckets.len() - 1;
        let mut at = hash as usize & mask;
        let mut probe = 1;
        while let Some((there, there_hash)) = self.buckets[at] {
            if there_hash == hash && there == name {
                return;
            }
            at = (at + probe) & mask;
            probe += 1;
        }
        self.buckets[at] = Some((name, hash));
        self.items += 1;
        if self.items * 4 > self.buckets.len() * 3 {
            self.grow();
        }
    }

    /// `RehashTable`: twice the buckets, the old ones moved over in bucket order.
    fn grow(&mut self) {
        let size = self.buckets.len() * 2;
        let old = std::mem::replace(&mut self.buckets, vec![None; size]);
        for (name, hash) in old.into_iter().flatten() {
            let mut at = hash as usize & (size - 1);
            let mut probe = 1;
            while self.buckets[at].is_some() {
                at = (at + probe) & (size - 1);
                probe += 1;
            }
            self.buckets[at] = Some((name, hash));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::iteration_order;

    #[test]
    fn emscripten_exports_come_back_in_wasm_ld_19s_order() {
        // The order checked against the Python model of `StringMapImpl` above and against
        // wasm-ld-19's archive extraction (`__errno_location`'s member before `stackAlloc`'s).
        let names = [
            "main",
            "__start_em_asm",
            "__stop_em_asm",
            "stackSave",
            "stackRestore",
            "stackAlloc",
            "__wasm_call_ctors",
            "__errno_location",
        ];
        assert_eq!(
            iteration_order(names),
            [
                "__wasm_call_ctors",
                "__start_em_asm",
                "__errno_location",
                "main",
                "stackAlloc",
                "__stop_em_asm",
                "stackRestore",
                "stackSave"
            ]
        );
    }

    #[test]
    fn duplicates_count_once_and_growth_keeps_every_name() {
        let names: Vec<String> = (0..1000).map(|i| format!("f{i}")).collect();
        let mut with_repeats: Vec<&str> = names.iter().map(String::as_str).collect();
        with_repeats.extend(names.iter().map(String::as_str));
        let order = iteration_order(with_repeats);
        assert_eq!(order.len(), 1000);
        let mut sorted = order.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), 1000);
        assert_ne!(order, names.iter().map(String::as_str).collect::<Vec<_>>(), "bucket order, not insertion order");
    }
}
