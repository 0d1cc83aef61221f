//! `ar` archives (GNU and BSD, long names, with or without a symbol index),
//! read with the `object` crate. Members are parsed only when a symbol pulls
//! them in.

use object::read::archive::{ArchiveFile, ArchiveOffset};
use rustc_hash::FxHashMap;

use super::object::{parse, sniff, Object};
use super::MemberSource;

pub struct Member<'a> {
    pub name: String,
    pub data: &'a [u8],
    /// Offset of the member's data inside the archive.
    pub offset: u64,
}

pub struct Archive<'a> {
    /// The archive as handed over (compact, or a thin archive's list of members, when it came so).
    pub bytes: &'a [u8],
    /// Each member; only its first 8 bytes when the archive came compact (`source`):
    /// `member_bytes` reads it whole.
    pub members: Vec<Member<'a>>,
    pub source: Option<&'a dyn MemberSource>,
    /// Defined global symbol name -> member, in index order.
    pub index: Vec<(&'a str, usize)>,
    /// Members already parsed to build the index of an archive without one,
    /// kept so that loading a member does not parse it again.
    pub parsed: Vec<Option<Object<'a>>>,
}

/// Why an archive could not be read: where in the archive, and which member
/// (with the offset inside it) when the problem is in one.
#[derive(Debug)]
pub struct ArchiveError {
    pub offset: u64,
    pub message: String,
    pub member: Option<(String, u64)>,
}

fn at(offset: u64, message: impl ToString) -> ArchiveError {
    ArchiveError { offset, message: message.to_string(), member: None }
}

/// The `ar` global header; the first member header follows it.
const GLOBAL_HEADER: u64 = 8;
/// A member header.
const HEADER_SIZE: u64 = 60;

/// Where a thin archive's member is: its path, relative to the archive's directory.
pub fn thin_member_path(archive: &str, member: &str) -> String {
    if member.starts_with('/') {
        return member.to_string();
    }
    match archive.rfind('/') {
        Some(slash) => format!("{}/{member}", &archive[..slash]),
        None => member.to_string(),
    }
}

/// The files a thin archive (`!<thin>`) names, as `thin_member_path`s: a front end reads them
/// and hands them over with the archive. Empty for an archive that holds its members.
pub fn thin_members(archive: &str, bytes: &[u8]) -> Vec<String> {
    // Told by the magic alone: parsing every archive here, serially, before the link, read
    // the symbol index of each (6 MB of pages in a big Rust link) only to find it not thin.
    if !bytes.starts_with(b"!<thin>\n") {
        return Vec::new();
    }
    let Ok(ar) = ArchiveFile::parse(bytes) else { return Vec::new() };
    if !ar.is_thin() {
        return Vec::new();
    }
    ar.members().flatten().map(|m| thin_member_path(archive, &String::from_utf8_lossy(m.name()))).collect()
}

/// Reads an archive. A thin archive's members are other inputs, found with `member_file` by
/// their `thin_member_path`.
pub fn parse_archive<'a>(
    name: &str,
    bytes: &'a [u8],
    source: Option<&'a dyn MemberSource>,
    member_file: &dyn Fn(&str) -> Option<&'a [u8]>,
) -> Result<Archive<'a>, ArchiveError> {
    let ar = ArchiveFile::parse(bytes).map_err(|e| at(0, e))?;
    let mut members = Vec::new();
    let mut by_offset = FxHashMap::default();
    // Where the next member header starts, for errors the reader gives no offset for.
    let mut next_header = GLOBAL_HEADER;
    for m in ar.members() {
        let m = m.map_err(|e| at(next_header, format!("member header: {e}")))?;
        let (offset, size) = m.file_range();
        let data = if ar.is_thin() {
            let path = thin_member_path(name, &String::from_utf8_lossy(m.name()));
            member_file(&path).ok_or_else(|| at(offset, format!("thin archive member {path}: no such file")))?
        } else {
            m.data(bytes).map_err(|e| at(offset, e))?
        };
        next_header = if ar.is_thin() { offset } else { (offset + size).next_multiple_of(2) };
        by_offset.insert(offset, members.len());
        members.push(Member {
            name: String::from_utf8_lossy(m.name()).into_owned(),
            data,
            offset,
        });
    }
    let mut index = Vec::new();
    let mut parsed: Vec<Option<Object<'_>>> = Vec::new();
    // The index, when present, is the first member.
    match ar.symbols().map_err(|e| at(GLOBAL_HEADER, format!("symbol index: {e}")))? {
        Some(symbols) => {
            for s in symbols {
                let s = s.map_err(|e| at(GLOBAL_HEADER, format!("symbol index: {e}")))?;
                let target = s.offset().0;
                // An index entry names its member's header; an ordinary header is 60 bytes
                // before the data (a BSD long name sits between them: read that header).
                let i = match by_offset.get(&(target + HEADER_SIZE)) {
                    Some(&i) => i,
                    None => {
                        let member = ar.member(ArchiveOffset(target)).map_err(|e| at(target, format!("symbol index entry: {e}")))?;
                        match by_offset.get(&member.file_range().0) {
                            Some(&i) => i,
                            None => return Err(at(target, "symbol index points at no member")),
                        }
                    }
                };
                let Ok(name) = std::str::from_utf8(s.name()) else { continue };
                index.push((name, i));
            }
        }
        None => {
            // No index (`ar rcS`): read each wasm member's symbol table.
            parsed.resize_with(members.len(), || None);
            for (i, m) in members.iter().enumerate() {
                if sniff(m.data) != "wasm" {
                    continue;
                }
                let (offset, data) = member_bytes(source, m).map_err(|e| at(m.offset, e))?;
                let obj = parse(data).map_err(|(off, message)| ArchiveError {
                    offset: offset + off,
                    message,
                    member: Some((m.name.clone(), off)),
                })?;
                for s in obj.symbols.values() {
                    if !s.is_undefined() && !s.is_local() && s.kind != super::object::SymKind::Section {
                        index.push((s.name, i));
                    }
                }
                parsed[i] = Some(obj);
            }
        }
    }
    Ok(Archive { bytes, members, source, index, parsed })
}

/// A member's bytes, and where they are in the archive's file: read from the archive's source
/// when it came compact.
pub fn member_bytes<'a>(source: Option<&'a dyn MemberSource>, m: &Member<'a>) -> Result<(u64, &'a [u8]), String> {
    match source {
        Some(src) => src.read(m.offset),
        None => Ok((m.offset, m.data)),
    }
}
