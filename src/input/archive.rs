//! `ar` archives (GNU and BSD, long names, with or without a symbol index),
//! read with the `object` crate. Members are parsed only when a symbol pulls
//! them in.

use object::read::archive::{ArchiveFile, ArchiveOffset};
use rustc_hash::FxHashMap;

use super::object::{parse, sniff};

pub struct Member<'a> {
    pub name: String,
    pub data: &'a [u8],
    /// Offset of the member's data inside the archive.
    pub offset: u64,
}

pub struct Archive<'a> {
    pub members: Vec<Member<'a>>,
    /// Defined global symbol name -> member, in index order.
    pub index: Vec<(&'a str, usize)>,
}

pub fn parse_archive(bytes: &[u8]) -> Result<Archive<'_>, (u64, String)> {
    let ar = ArchiveFile::parse(bytes).map_err(|e| (0, e.to_string()))?;
    if ar.is_thin() {
        return Err((0, "thin archives are not supported".into()));
    }
    let mut members = Vec::new();
    let mut by_offset = FxHashMap::default();
    for m in ar.members() {
        let m = m.map_err(|e| (0, e.to_string()))?;
        let data = m.data(bytes).map_err(|e| (m.file_range().0, e.to_string()))?;
        let offset = m.file_range().0;
        by_offset.insert(offset, members.len());
        members.push(Member {
            name: String::from_utf8_lossy(m.name()).into_owned(),
            data,
            offset,
        });
    }
    let mut index = Vec::new();
    match ar.symbols().map_err(|e| (0, e.to_string()))? {
        Some(symbols) => {
            for s in symbols {
                let s = s.map_err(|e| (0, e.to_string()))?;
                let member = ar.member(ArchiveOffset(s.offset().0)).map_err(|e| (s.offset().0, e.to_string()))?;
                let Some(&i) = by_offset.get(&member.file_range().0) else {
                    return Err((s.offset().0, "symbol index points at no member".into()));
                };
                let Ok(name) = std::str::from_utf8(s.name()) else { continue };
                index.push((name, i));
            }
        }
        None => {
            // No index (`ar rcS`): read each wasm member's symbol table.
            for (i, m) in members.iter().enumerate() {
                if sniff(m.data) != "wasm" {
                    continue;
                }
                let obj = parse(m.data).map_err(|(off, msg)| (m.offset + off, format!("{}: {msg}", m.name)))?;
                for s in &obj.symbols {
                    if !s.is_undefined() && !s.is_local() && s.kind != super::object::SymKind::Section {
                        index.push((s.name, i));
                    }
                }
            }
        }
    }
    Ok(Archive { members, index })
}
