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

/// The strings of one input, each with its NUL and its offset; the data must be `mergeable`
/// (what follows the last NUL is left out).
fn strings(data: &[u8]) -> impl Iterator<Item = (u32, &[u8])> {
    let mut at = 0usize;
    std::iter::from_fn(move || {
        let end = at + data.get(at..)?.iter().position(|&b| b == 0)?;
        let s = (at as u32, &data[at..=end]);
        at = end + 1;
        Some(s)
    })
}

/// Whether an input's data can be merged: non-empty NUL-terminated strings.
pub fn mergeable(data: &[u8]) -> bool {
    !data.is_empty() && data.last() == Some(&0)
}

/// `a` and `b` compared as if each were read backwards: 8 bytes at a time from the end, where a
/// little-endian word's highest byte is the last one.
fn cmp_backwards(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    let (mut i, mut j) = (a.len(), b.len());
    while i >= 8 && j >= 8 {
        let x = u64::from_le_bytes(a[i - 8..i].try_into().expect("8 bytes"));
        let y = u64::from_le_bytes(b[j - 8..j].try_into().expect("8 bytes"));
        if x != y {
            return x.cmp(&y);
        }
        i -= 8;
        j -= 8;
    }
    a[..i].iter().rev().cmp(b[..j].iter().rev())
}

/// Merges the inputs (each `mergeable`).
pub fn merge(inputs: &[&[u8]]) -> Merged {
    // Each distinct string once, numbered as first met, and each input string's number.
    let mut number: FxHashMap<&[u8], u32> = FxHashMap::default();
    let mut distinct: Vec<&[u8]> = Vec::new();
    let numbered: Vec<Vec<(u32, u32)>> = inputs
        .iter()
        .map(|data| {
            strings(data)
                .map(|(at, s)| {
                    let n = *number.entry(s).or_insert_with(|| {
                        distinct.push(s);
                        distinct.len() as u32 - 1
                    });
                    (at, n)
                })
                .collect()
        })
        .collect();
    drop(number);
    // StringTableBuilder's `multikeySort`: by the strings read backwards, greatest first, so
    // that a string comes right after one it ends.
    let mut order: Vec<u32> = (0..distinct.len() as u32).collect();
    order.sort_unstable_by(|&a, &b| cmp_backwards(distinct[b as usize], distinct[a as usize]));
    let mut bytes = Vec::new();
    let mut offsets = vec![0u64; distinct.len()];
    let mut previous: &[u8] = &[];
    for n in order {
        let s = distinct[n as usize];
        if previous.ends_with(s) {
            offsets[n as usize] = (bytes.len() - s.len()) as u64;
            continue;
        }
        offsets[n as usize] = bytes.len() as u64;
        bytes.extend_from_slice(s);
        previous = s;
    }
    let pieces = numbered.into_iter().map(|strings| strings.into_iter().map(|(at, n)| (at, offsets[n as usize])).collect()).collect();
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

    #[test]
    fn backwards_comparison_is_a_byte_by_byte_one() {
        let words: [&[u8]; 9] = [b"", b"a", b"ba", b"abcdefghij", b"zbcdefghij", b"bcdefghij", b"xxxxxxxxxbcdefghij", b"\xff\0", b"\0\xff"];
        for a in words {
            for b in words {
                assert_eq!(cmp_backwards(a, b), a.iter().rev().cmp(b.iter().rev()), "{a:?} {b:?}");
            }
        }
    }
}
