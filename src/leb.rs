//! LEB128, as the module format writes its integers (on the `leb128fmt` crate): the one place
//! the writers encode and measure them.

/// Appends `v` as an unsigned LEB128.
pub fn push_u32(out: &mut Vec<u8>, v: u32) {
    let (buf, n) = leb128fmt::encode_u32(v).expect("u32 fits");
    out.extend_from_slice(&buf[..n]);
}

/// Appends `v` as an unsigned LEB128.
pub fn push_u64(out: &mut Vec<u8>, v: u64) {
    let (buf, n) = leb128fmt::encode_u64(v).expect("u64 fits");
    out.extend_from_slice(&buf[..n]);
}

/// Appends `v` as a signed LEB128.
pub fn push_s64(out: &mut Vec<u8>, v: i64) {
    let (buf, n) = leb128fmt::encode_s64(v).expect("i64 fits");
    out.extend_from_slice(&buf[..n]);
}

/// Appends `s` as the format writes a name: its length, then its bytes.
pub fn push_str(out: &mut Vec<u8>, s: &str) {
    push_u64(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// Appends a subsection (of `linking`, `dylink.0`, ...): its id, its size, then `body`.
pub fn push_subsection(out: &mut Vec<u8>, id: u8, body: &[u8]) {
    out.push(id);
    push_u64(out, body.len() as u64);
    out.extend_from_slice(body);
}

/// Bytes `v` takes as an unsigned LEB128.
pub fn len_u64(v: u64) -> u64 {
    leb128fmt::encode_u64(v).map_or(10, |(_, n)| n as u64)
}

/// Bytes the unsigned LEB128 at the start of `bytes` takes (a code entry's size, before its
/// body): up to the first byte without the continuation bit.
pub fn prefix_len(bytes: &[u8]) -> usize {
    bytes.iter().position(|b| b & 0x80 == 0).map_or(bytes.len(), |i| i + 1)
}
