//! Relocation types: the single table of how each one is encoded, and the
//! in-place patching of the padded fields the compiler leaves for us.

/// How a relocated value is stored at its site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// 5-byte padded unsigned LEB128.
    Uleb32,
    /// 5-byte padded signed LEB128.
    Sleb32,
    /// Little-endian u32.
    I32,
    Uleb64,
    Sleb64,
    I64,
}

impl Field {
    pub fn width(self) -> usize {
        match self {
            Field::Uleb32 | Field::Sleb32 => 5,
            Field::I32 => 4,
            Field::Uleb64 | Field::Sleb64 => 10,
            Field::I64 => 8,
        }
    }
}

/// What a relocation's symbol index refers to and how the value is
/// computed; one row per relocation type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    FunctionIndex,
    TableIndex,
    /// Relative to `__table_base`.
    TableIndexRel,
    MemoryAddr,
    /// Relative to `__memory_base`.
    MemoryAddrRel,
    MemoryAddrLocRel,
    MemoryAddrTls,
    TypeIndex,
    GlobalIndex,
    FunctionOffset,
    SectionOffset,
    TagIndex,
    TableNumber,
}

/// How a relocation type (Linking.md's number) is computed and stored; `None` for a number
/// Linking.md does not define. (Read here rather than by wasmparser, which stops short of
/// LLVM 20's `MEMORY_ADDR_LOCREL_I64`.)
pub fn describe(ty: u8) -> Option<(Target, Field)> {
    use Field::*;
    use Target::*;
    Some(match ty {
        0 => (FunctionIndex, Uleb32),
        1 => (TableIndex, Sleb32),
        2 => (TableIndex, I32),
        3 => (MemoryAddr, Uleb32),
        4 => (MemoryAddr, Sleb32),
        5 => (MemoryAddr, I32),
        6 => (TypeIndex, Uleb32),
        7 => (GlobalIndex, Uleb32),
        8 => (FunctionOffset, I32),
        9 => (SectionOffset, I32),
        10 => (TagIndex, Uleb32),
        11 => (MemoryAddrRel, Sleb32),
        12 => (TableIndexRel, Sleb32),
        13 => (GlobalIndex, I32),
        // wasm64.
        14 => (MemoryAddr, Uleb64),
        15 => (MemoryAddr, Sleb64),
        16 => (MemoryAddr, I64),
        17 => (MemoryAddrRel, Sleb64),
        18 => (TableIndex, Sleb64),
        19 => (TableIndex, I64),
        20 => (TableNumber, Uleb32),
        21 => (MemoryAddrTls, Sleb32),
        22 => (FunctionOffset, I64),
        23 => (MemoryAddrLocRel, I32),
        24 => (TableIndexRel, Sleb64),
        25 => (MemoryAddrTls, Sleb64),
        26 => (FunctionIndex, I32),
        27 => (MemoryAddrLocRel, I64),
        _ => return None,
    })
}

/// Linking.md: the types whose entries carry an addend.
pub fn has_addend(target: Target) -> bool {
    matches!(
        target,
        Target::MemoryAddr
            | Target::MemoryAddrRel
            | Target::MemoryAddrLocRel
            | Target::MemoryAddrTls
            | Target::FunctionOffset
            | Target::SectionOffset
    )
}

/// A relocation: as read, its offset counts from the start of the section it patches; once its
/// object is read whole, from the start of the chunk (function entry, data segment payload or
/// custom section payload) it patches.
#[derive(Debug, Clone, Copy)]
pub struct Reloc {
    pub target: Target,
    pub field: Field,
    /// The relocation type as the object numbers it (`R_WASM_*`), for relocatable output.
    pub ty: u8,
    pub offset: u32,
    /// Symbol index in this object, or a type index for `TypeIndex`: read
    /// through `symbol()` or `type_index()`.
    index: u32,
    pub addend: i64,
}

impl Reloc {
    /// Whether its field runs past the end of a chunk `len` bytes long (counted in 64 bits: in
    /// the component's 32-bit address space, an offset near 4 GiB plus the field's width would
    /// wrap around and pass).
    pub fn runs_past(&self, len: usize) -> bool {
        u64::from(self.offset) + self.field.width() as u64 > len as u64
    }

    /// The symbol a relocation of any target but `TypeIndex` names.
    pub fn symbol(&self) -> crate::index::InSymbol {
        debug_assert!(self.target != Target::TypeIndex);
        crate::index::InSymbol::from_u32(self.index)
    }

    /// The type a `TypeIndex` relocation names; `None` for the others.
    pub fn type_index(&self) -> Option<crate::index::InType> {
        (self.target == Target::TypeIndex).then(|| crate::index::InType::from_u32(self.index))
    }

    /// The symbol it names, unless it names a type.
    pub fn symbol_ref(&self) -> Option<crate::index::InSymbol> {
        (self.target != Target::TypeIndex).then(|| crate::index::InSymbol::from_u32(self.index))
    }

    /// The index as written, for checking it against the object's symbols or types.
    pub fn index(&self) -> u32 {
        self.index
    }
}

/// A relocation section's entries as the object encodes them.
#[derive(Debug, Clone, Copy, Default)]
pub struct Encoded<'a> {
    bytes: &'a [u8],
    /// File offset of `bytes`, for diagnostics.
    at: u64,
    /// File offset of the section's payload (where lld places a problem with an entry).
    section_at: u64,
    count: u32,
}

/// Reads a `reloc.*` section's header (its payload is `data`, at file offset `at`): the index
/// of the section it patches, and its entries, still encoded.
pub fn read_header(data: &[u8], at: u64) -> Result<(u32, Encoded<'_>), (u64, String)> {
    let mut r = wasmparser::BinaryReader::new(data, at);
    let section = r.read_var_u32().map_err(reader_error)?;
    let count = r.read_var_u32().map_err(reader_error)?;
    let start = r.current_position();
    Ok((section, Encoded { bytes: &data[start..], at: at + start as u64, section_at: at, count }))
}

fn reader_error(e: wasmparser::BinaryReaderError) -> (u64, String) {
    (e.offset(), e.message().to_string())
}

impl<'a> Encoded<'a> {
    pub fn len(&self) -> usize {
        self.count as usize
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The file offset of the relocation section's payload.
    pub fn section_at(&self) -> u64 {
        self.section_at
    }

    /// Decodes the entries in turn, up to the first malformed one; `Entries::problem` then
    /// says where and why (or that bytes are left over after the last).
    pub fn entries(&self) -> Entries<'a> {
        Entries { bytes: self.bytes, at: self.at, pos: 0, left: self.count, problem: None }
    }

    /// Every entry, decoded; the first malformed one's offset and problem.
    pub fn decode(&self) -> Result<Vec<Reloc>, (u64, String)> {
        // Each entry takes at least three bytes: a hostile count cannot reserve much.
        let mut out = Vec::with_capacity(self.len().min(self.bytes.len() / 3));
        let mut entries = self.entries();
        out.extend(&mut entries);
        match entries.problem() {
            Some(problem) => Err(problem),
            None => Ok(out),
        }
    }
}

/// The decoder `Encoded::entries` returns. Its items are plain relocations, the problem kept
/// aside: a debug build decodes millions, and wrapping each in a `Result` made the write phase
/// of one about 5% slower.
pub struct Entries<'a> {
    bytes: &'a [u8],
    /// File offset of `bytes`.
    at: u64,
    pos: usize,
    /// Entries not decoded yet; none after a malformed one.
    left: u32,
    problem: Option<(u64, String)>,
}

/// One entry at `*pos`, read with leb128fmt; `None` when it is malformed (`Entries::why` then
/// says why, in wasmparser's words).
#[inline(always)]
fn decode_entry(bytes: &[u8], pos: &mut usize) -> Option<Reloc> {
    let ty = *bytes.get(*pos)?;
    *pos += 1;
    let (target, field) = describe(ty)?;
    let offset = leb128fmt::decode_uint_slice::<u32, 32>(bytes, pos).ok()?;
    let index = leb128fmt::decode_uint_slice::<u32, 32>(bytes, pos).ok()?;
    let addend = if has_addend(target) { leb128fmt::decode_sint_slice::<i64, 64>(bytes, pos).ok()? } else { 0 };
    Some(Reloc { target, field, ty, offset, index, addend })
}

impl Entries<'_> {
    /// Why the entry at `start` is malformed, in wasmparser's words.
    fn why(&self, start: usize) -> (u64, String) {
        let mut r = wasmparser::BinaryReader::new(&self.bytes[start..], self.at + start as u64);
        let here = r.original_position();
        let problem = (|| {
            let ty = r.read_u8()?;
            let Some((target, _)) = describe(ty) else { return Ok(Some((here, format!("unknown relocation type {ty}")))) };
            r.read_var_u32()?;
            r.read_var_u32()?;
            if has_addend(target) {
                r.read_var_i64()?;
            }
            Ok(None)
        })();
        match problem {
            Ok(Some(found)) => found,
            Err(e) => reader_error(e),
            // (wasmparser reads it, which leb128fmt did not: both refuse over-long numbers and
            // unused bits, so this is not expected.)
            Ok(None) => (here, "malformed relocation entry".into()),
        }
    }

    /// Once the entries have run out: the first malformed one's offset and problem, or where
    /// bytes are left over after the last.
    pub fn problem(&mut self) -> Option<(u64, String)> {
        if self.problem.is_none() && self.left == 0 && self.pos < self.bytes.len() {
            return Some((self.at + self.pos as u64, "unexpected data at the end of a relocation section".into()));
        }
        self.problem.take()
    }
}

impl Iterator for Entries<'_> {
    type Item = Reloc;

    #[inline]
    fn next(&mut self) -> Option<Reloc> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let start = self.pos;
        let entry = decode_entry(self.bytes, &mut self.pos);
        if entry.is_none() {
            self.problem = Some(self.why(start));
            // (Nothing more, nor the bytes left over.)
            self.left = 0;
            self.pos = self.bytes.len();
        }
        entry
    }
}

/// A relocation type's name as lld writes it in messages (`R_WASM_MEMORY_ADDR_SLEB`).
pub fn lld_name(target: Target, field: Field) -> String {
    use Field::*;
    let base = match target {
        Target::FunctionIndex => "FUNCTION_INDEX",
        Target::TableIndex => "TABLE_INDEX",
        Target::TableIndexRel => "TABLE_INDEX_REL",
        Target::MemoryAddr => "MEMORY_ADDR",
        Target::MemoryAddrRel => "MEMORY_ADDR_REL",
        Target::MemoryAddrLocRel => "MEMORY_ADDR_LOCREL",
        Target::MemoryAddrTls => "MEMORY_ADDR_TLS",
        Target::TypeIndex => "TYPE_INDEX",
        Target::GlobalIndex => "GLOBAL_INDEX",
        Target::FunctionOffset => "FUNCTION_OFFSET",
        Target::SectionOffset => "SECTION_OFFSET",
        Target::TagIndex => "TAG_INDEX",
        Target::TableNumber => "TABLE_NUMBER",
    };
    let suffix = match field {
        Uleb32 => "LEB",
        Sleb32 => "SLEB",
        I32 => "I32",
        Uleb64 => "LEB64",
        Sleb64 => "SLEB64",
        I64 => "I64",
    };
    format!("R_WASM_{base}_{suffix}")
}

/// Overwrite the field at the start of `site` with `value`. LEB fields keep
/// their padded width so nothing around them moves.
pub fn patch(site: &mut [u8], field: Field, value: i64) {
    match field {
        Field::I32 => site[..4].copy_from_slice(&(value as u32).to_le_bytes()),
        Field::I64 => site[..8].copy_from_slice(&(value as u64).to_le_bytes()),
        Field::Uleb32 => write_padded_uleb(&mut site[..5], value as u32 as u64),
        Field::Uleb64 => write_padded_uleb(&mut site[..10], value as u64),
        Field::Sleb32 => write_padded_sleb(&mut site[..5], value as i32 as i64),
        Field::Sleb64 => write_padded_sleb(&mut site[..10], value),
    }
}

/// The width a padded LEB field has in a relocated chunk; `None` for fixed-width fields.
pub fn padded_width(field: Field) -> Option<usize> {
    match field {
        Field::Uleb32 | Field::Sleb32 => Some(5),
        Field::Uleb64 | Field::Sleb64 => Some(10),
        Field::I32 | Field::I64 => None,
    }
}

/// A relocated LEB field (padded, at the start of `site`) in its shortest encoding, as
/// `--compress-relocations` writes it.
pub fn shortest(site: &[u8], field: Field) -> Vec<u8> {
    let mut out = Vec::new();
    let mut pos = 0;
    match field {
        Field::Uleb32 | Field::Uleb64 => {
            let v = leb128fmt::decode_uint_slice::<u64, 64>(site, &mut pos).unwrap_or(0);
            let (buf, n) = leb128fmt::encode_u64(v).expect("u64 fits");
            out.extend_from_slice(&buf[..n]);
        }
        Field::Sleb32 | Field::Sleb64 => {
            let v = leb128fmt::decode_sint_slice::<i64, 64>(site, &mut pos).unwrap_or(0);
            let (buf, n) = leb128fmt::encode_s64(v).expect("i64 fits");
            out.extend_from_slice(&buf[..n]);
        }
        Field::I32 | Field::I64 => {}
    }
    out
}

fn write_padded_uleb(out: &mut [u8], mut value: u64) {
    let last = out.len() - 1;
    for (i, byte) in out.iter_mut().enumerate() {
        let bits = (value & 0x7f) as u8;
        value >>= 7;
        *byte = if i == last { bits } else { bits | 0x80 };
    }
}

fn write_padded_sleb(out: &mut [u8], mut value: i64) {
    let last = out.len() - 1;
    for (i, byte) in out.iter_mut().enumerate() {
        let bits = (value & 0x7f) as u8;
        value >>= 7;
        *byte = if i == last { bits } else { bits | 0x80 };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_uleb(b: &[u8]) -> u64 {
        let mut r = wasmparser::BinaryReader::new(b, 0);
        r.read_var_u64().unwrap()
    }

    fn read_sleb(b: &[u8]) -> i64 {
        let mut r = wasmparser::BinaryReader::new(b, 0);
        r.read_var_i64().unwrap()
    }

    #[test]
    fn padded_lebs_round_trip() {
        for v in [0u64, 1, 127, 128, 0x1234_5678, u32::MAX as u64] {
            let mut b = [0u8; 5];
            patch(&mut b, Field::Uleb32, v as i64);
            assert_eq!(read_uleb(&b), v);
        }
        for v in [0i64, -1, 63, -64, 64, i32::MIN as i64, i32::MAX as i64] {
            let mut b = [0u8; 5];
            patch(&mut b, Field::Sleb32, v);
            assert_eq!(read_sleb(&b), v);
        }
    }

    #[test]
    fn a_field_near_four_gib_runs_past_any_chunk() {
        let at = |offset: u32| Reloc { target: Target::MemoryAddr, field: Field::I32, ty: 5, offset, index: 0, addend: 0 };
        assert!(!at(96).runs_past(100));
        assert!(at(97).runs_past(100));
        // (In 32 bits, u32::MAX - 1 + 4 would wrap around to 2.)
        assert!(at(u32::MAX - 1).runs_past(100));
    }

    #[test]
    fn entries_stop_at_the_first_problem_and_say_where() {
        // A relocation section's payload (for section 7, at file offset 100): its count, then
        // R_WASM_FUNCTION_INDEX_LEB (0) at offset 1 against symbol 2, then `tail`.
        let section = |count: u8, tail: &[u8]| [&[7, count, 0, 1, 2][..], tail].concat();
        let read = |bytes: &[u8]| {
            let (_, encoded) = read_header(bytes, 100).unwrap();
            let mut entries = encoded.entries();
            let relocs: Vec<(u32, u32)> = entries.by_ref().map(|r| (r.offset, r.index)).collect();
            (relocs, entries.problem(), encoded.decode().err())
        };
        assert_eq!(read(&section(1, &[])), (vec![(1, 2)], None, None));
        // Bytes after the last entry: where they start.
        let leftover = Some((105, "unexpected data at the end of a relocation section".to_string()));
        assert_eq!(read(&section(1, &[0xaa])), (vec![(1, 2)], leftover.clone(), leftover));
        // A second entry cut short (its index missing): where wasmparser finds the end, and
        // nothing after it.
        let cut = Some((107, "unexpected end-of-file".to_string()));
        assert_eq!(read(&section(2, &[0, 3])), (vec![(1, 2)], cut.clone(), cut));
    }
}
