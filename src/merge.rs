//! String merging (lld's `MergeInputChunk` and `SyntheticMergedChunk`): segments flagged
//! `WASM_SEG_FLAG_STRINGS` hold NUL-terminated strings; those of one output segment become one
//! block where each distinct string is stored once, and a string that ends another is stored
//! inside it. The order is LLVM's `StringTableBuilder`'s, so that outputs match wasm-ld's byte
//! for byte.

use rustc_hash::FxHashMap;

/// One merged block: its bytes, and for each input (in the order given) where each of its
/// strings went, as (offset in the input, offset in the block), ascending.
pub struct Merged {
    pub bytes: Vec<u8>,
    pub pieces: Vec<Vec<(u32, u64)>>,
}

/// The strings of one input, each with its NUL; `None` when the data does not end with a NUL
/// (not mergeable).
fn split(data: &[u8]) -> Option<Vec<(u32, &[u8])>> {
    let mut out = Vec::new();
    let mut at = 0usize;
    while at < data.len() {
        let end = at + data[at..].iter().position(|&b| b == 0)?;
        out.push((at as u32, &data[at..=end]));
        at = end + 1;
    }
    Some(out)
}

/// Whether an input's data can be merged: non-empty NUL-terminated strings.
pub fn mergeable(data: &[u8]) -> bool {
    !data.is_empty() && data.last() == Some(&0)
}

/// Merges the inputs (each `mergeable`).
pub fn merge(inputs: &[&[u8]]) -> Merged {
    let split: Vec<Vec<(u32, &[u8])>> = inputs.iter().map(|d| split(d).unwrap_or_default()).collect();
    let mut distinct: Vec<&[u8]> = Vec::new();
    let mut seen: FxHashMap<&[u8], ()> = FxHashMap::default();
    for s in split.iter().flatten().map(|&(_, s)| s) {
        if seen.insert(s, ()).is_none() {
            distinct.push(s);
        }
    }
    // StringTableBuilder's `multikeySort`: by the strings read backwards, greatest first, so
    // that a string comes right after one it ends.
    distinct.sort_unstable_by(|a, b| b.iter().rev().cmp(a.iter().rev()));
    let mut bytes = Vec::new();
    let mut offset: FxHashMap<&[u8], u64> = FxHashMap::default();
    let mut previous: &[u8] = &[];
    for s in distinct {
        if previous.ends_with(s) {
            offset.insert(s, (bytes.len() - s.len()) as u64);
            continue;
        }
        offset.insert(s, bytes.len() as u64);
        bytes.extend_from_slice(s);
        previous = s;
    }
    let pieces = split.iter().map(|strings| strings.iter().map(|&(at, s)| (at, offset[s])).collect()).collect();
    Merged { bytes, pieces }
}

/// Where `offset` of an input went: its string's place plus the distance into it.
pub fn translate(pieces: &[(u32, u64)], offset: u64) -> Option<u64> {
    let i = pieces.partition_point(|&(at, _)| at as u64 <= offset).checked_sub(1)?;
    let (at, out) = pieces[i];
    Some(out + (offset - at as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_lld_merges_them() {
        // LLVM's merge-string.s: "abc", then "a" running into "bc", then "bc" again.
        let m = merge(&[b"abc\0abc\0bc\0"]);
        assert_eq!(m.bytes, b"abc\0");
        assert_eq!(m.pieces, [vec![(0, 0), (4, 0), (8, 1)]]);
        assert_eq!(translate(&m.pieces[0], 5), Some(1));
        // Across inputs, in StringTableBuilder's order.
        let m = merge(&[b"hello\0", b"world\0", b"lo\0"]);
        assert_eq!(m.bytes, b"hello\0world\0");
        assert_eq!(m.pieces, [vec![(0, 0)], vec![(0, 6)], vec![(0, 3)]]);
        assert!(!mergeable(b"no end"));
        assert!(!mergeable(b""));
    }
}
