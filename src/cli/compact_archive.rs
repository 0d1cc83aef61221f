//! The WASI command's archives, read compact (see `wasmlink::Input::members`).
//!
//! Under WASI a file can only be read, not mapped, and a big Rust link extracts about a fifth of
//! its rlibs' members. So an archive is read as its member headers, symbol index, name table and
//! each member's first 8 bytes, rewritten into a compact archive of the same members (each cut
//! to those bytes, the index pointing at the new headers); a member is read whole only when the
//! link extracts it.

use std::fs::File;
use std::sync::OnceLock;

/// An `ar` member header.
const HEADER: u64 = 60;
/// What a member keeps in the compact archive: enough for the linker to tell what it is.
const HEAD: u64 = 8;
/// Headers are read this much at a time, so small members come along with the header before.
const WINDOW: u64 = 16 * 1024;

/// Where the members of a compact archive come from.
pub struct CompactArchive {
    /// The file its headers were read from, kept open: opened again by its path, a file
    /// replaced meanwhile would hand over bytes at offsets that mean nothing in it.
    file: File,
    /// By a member's data offset in the compact archive, ascending (as members are laid out).
    members: Vec<(u64, Member)>,
}

struct Member {
    /// Its data's offset in the file, and its size.
    at: u64,
    size: u64,
    /// Its bytes, once read.
    bytes: OnceLock<Result<Vec<u8>, String>>,
}

impl wasmlink::MemberSource for CompactArchive {
    fn read(&self, offset: u64) -> Result<(u64, &[u8]), String> {
        let m = lookup(&self.members, offset).ok_or_else(|| format!("no member at offset {offset:#x}"))?;
        let read = m.bytes.get_or_init(|| crate::wasi_io::read_vec_at(&self.file, m.size as usize, m.at).map_err(|e| e.to_string()));
        read.as_deref().map(|b| (m.at, b)).map_err(Clone::clone)
    }
}

/// A header's size field as the `object` crate reads it (which the library uses on a whole
/// archive): digits up to the first space, none before them.
fn decimal(field: &[u8]) -> Option<u64> {
    if field.first() == Some(&b' ') {
        return None;
    }
    let mut value: u64 = 0;
    for &c in field {
        if c == b' ' {
            break;
        }
        value = value.checked_mul(10)?.checked_add((c as char).to_digit(10)? as u64)?;
    }
    Some(value)
}

/// The value for `key` in `pairs`, sorted by key.
fn lookup<T>(pairs: &[(u64, T)], key: u64) -> Option<&T> {
    pairs.binary_search_by_key(&key, |(k, _)| *k).ok().map(|i| &pairs[i].1)
}

fn read_at(file: &mut File, at: u64, buf: &mut [u8]) -> std::io::Result<()> {
    crate::wasi_io::read_exact_at(file, buf, at)
}

/// A file read through a window of its bytes.
struct Window {
    file: File,
    len: u64,
    at: u64,
    buf: Vec<u8>,
}

impl Window {
    /// The `n` bytes at `at`; `None` past the end of the file.
    fn get(&mut self, at: u64, n: u64) -> std::io::Result<Option<&[u8]>> {
        if at.checked_add(n).is_none_or(|end| end > self.len) {
            return Ok(None);
        }
        if at < self.at || at + n > self.at + self.buf.len() as u64 {
            let size = n.max(WINDOW).min(self.len - at) as usize;
            crate::wasi_io::reserve(&mut self.buf, size)?;
            self.buf.resize(size, 0);
            read_at(&mut self.file, at, &mut self.buf)?;
            self.at = at;
        }
        let start = (at - self.at) as usize;
        Ok(Some(&self.buf[start..start + n as usize]))
    }
}

/// `path` as a compact archive and where its members come from; `None` for anything but a GNU
/// archive whose first member is its symbol index (an archive without one is read whole to make
/// one; BSD names live in member data), and for one whose headers do not add up (read whole,
/// the linker then says what is wrong with it).
pub fn read(path: &str) -> std::io::Result<Option<(Vec<u8>, CompactArchive)>> {
    let file = File::open(path)?;
    let len = file.metadata()?.len();
    let mut window = Window { file, len, at: 0, buf: Vec::new() };
    if window.get(0, 8)? != Some(b"!<arch>\n") {
        return Ok(None);
    }
    let mut out = b"!<arch>\n".to_vec();
    let mut members = Vec::new();
    // Each header's offset in the file, and in the compact archive (both ascending): for the
    // index.
    let mut moved: Vec<(u64, u64)> = Vec::new();
    // Where the index's data starts in the compact archive, and whether its entries are 64-bit.
    let mut index = None;
    let mut at = 8;
    while at < len {
        let Some(header) = window.get(at, HEADER)? else { return Ok(None) };
        let mut header: [u8; HEADER as usize] = header.try_into().expect("a header's length");
        let (Some(size), b"`\n") = (decimal(&header[48..58]), &header[58..60]) else { return Ok(None) };
        let data = at + HEADER;
        if data + size > len {
            return Ok(None);
        }
        let name = &header[..16];
        let is_index = name.starts_with(b"/ ") || name.starts_with(b"/SYM64/");
        if is_index != (at == 8) || name.starts_with(b"#1/") || name.starts_with(b"__.SYMDEF") {
            return Ok(None);
        }
        let whole = is_index || name.starts_with(b"// ");
        let keep = if whole { size } else { size.min(HEAD) };
        if is_index {
            index = Some((out.len() + HEADER as usize, name.starts_with(b"/SYM64/")));
        }
        moved.push((at, out.len() as u64));
        if keep != size {
            header[48..58].copy_from_slice(format!("{keep:<10}").as_bytes());
        }
        out.extend_from_slice(&header);
        let Some(bytes) = window.get(data, keep)? else { return Ok(None) };
        let data_out = out.len() as u64;
        out.extend_from_slice(bytes);
        if keep % 2 == 1 {
            out.push(b'\n');
        }
        if !whole {
            members.push((data_out, Member { at: data, size, bytes: OnceLock::new() }));
        }
        at = (data + size).next_multiple_of(2);
    }
    // The index names each member by its header's offset: now the compact archive's.
    let Some((start, wide)) = index else { return Ok(None) };
    let width = if wide { 8 } else { 4 };
    let entry = |out: &[u8], at: usize| -> Option<u64> {
        let bytes = out.get(at..at + width)?;
        Some(bytes.iter().fold(0u64, |v, &b| v << 8 | b as u64))
    };
    let Some(count) = entry(&out, start) else { return Ok(None) };
    for i in 0..count as usize {
        let at = start + width * (i + 1);
        let Some(new) = entry(&out, at).and_then(|old| lookup(&moved, old)) else { return Ok(None) };
        let new = new.to_be_bytes();
        out[at..at + width].copy_from_slice(&new[8 - width..]);
    }
    Ok(Some((out, CompactArchive { file: window.file, members })))
}
