//! Typed indices for every index space that crosses a phase (cranelift-entity's `EntityRef`),
//! so that an input index is never used as an output one, and a defined-only index never as an
//! import-inclusive one.
//!
//! WebAssembly numbers functions, globals, tables and tags imports first. Both an object and
//! the output therefore have two spaces per kind: the whole space (`InFunc`, `OutFunc`), which
//! instructions and symbols use, and the defined-only space (`InDefFunc`, `OutDefFunc`), which
//! indexes the code and global sections. [`Space`] is the one conversion between the two; no
//! import count is subtracted anywhere else.

use std::marker::PhantomData;

pub use cranelift_entity::{EntityRef, PrimaryMap, SecondaryMap};

/// A `u32` newtype keying `PrimaryMap`s. Unlike cranelift's `entity_impl!`, every `u32` is a
/// valid value: indices read from hostile inputs are checked against their tables, not on
/// construction.
macro_rules! index {
    ($(#[$doc:meta] $name:ident, $prefix:literal;)*) => {$(
        #[$doc]
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        pub struct $name(u32);
        impl EntityRef for $name {
            #[inline]
            fn new(index: usize) -> Self {
                $name(index as u32)
            }
            #[inline]
            fn index(self) -> usize {
                self.0 as usize
            }
        }
        impl $name {
            #[inline]
            pub const fn from_u32(x: u32) -> Self {
                $name(x)
            }
            /// The index as the 32-bit number the binary format stores.
            #[inline]
            pub const fn as_u32(self) -> u32 {
                self.0
            }
        }
        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }
    )*};
}

index! {
    /// An input file (object or archive member) among those loaded.
    FileId, "file";
    /// A shared library among the inputs, in command-line order.
    LibId, "lib";
    /// A symbol of the link's symbol table.
    SymbolId, "sym";
    /// An entry of one object's symbol table (what relocations name).
    InSymbol, "insym";
    /// A type of one object.
    InType, "intype";
    /// A function of one object, imports first.
    InFunc, "infunc";
    /// A function one object defines (its code section entry).
    InDefFunc, "indeffunc";
    /// A global of one object, imports first.
    InGlobal, "inglobal";
    /// A global one object defines.
    InDefGlobal, "indefglobal";
    /// A table of one object, imports first.
    InTable, "intable";
    /// A table one object defines.
    InDefTable, "indeftable";
    /// A tag of one object, imports first.
    InTag, "intag";
    /// A tag one object defines.
    InDefTag, "indeftag";
    /// A data segment of one object.
    InSegment, "inseg";
    /// A custom section of one object (in `Object::customs`).
    InCustom, "incustom";
    /// A type of the output.
    OutType, "type";
    /// A function of the output, imports first.
    OutFunc, "func";
    /// A function the output defines (its code section entry).
    OutDefFunc, "deffunc";
    /// A global of the output, imports first.
    OutGlobal, "global";
    /// A global the output defines.
    OutDefGlobal, "defglobal";
    /// A table of the output, imports first.
    OutTable, "table";
    /// A table the output defines.
    OutDefTable, "deftable";
    /// A tag of the output, imports first.
    OutTag, "tag";
    /// A tag the output defines.
    OutDefTag, "deftag";
    /// A data segment of the output's memory map (before splitting into data-section entries).
    OutSegment, "outseg";
    /// A trapping stub function made by the scan phase.
    StubId, "stub";
}

/// One kind's index space: `imports` imported entities, then the defined ones. The only place
/// where the import count is added or subtracted.
#[derive(Debug)]
pub struct Space<All, Def> {
    imports: u32,
    kind: PhantomData<fn(All, Def)>,
}

impl<All, Def> Clone for Space<All, Def> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<All, Def> Copy for Space<All, Def> {}

impl<All: EntityRef, Def: EntityRef> Space<All, Def> {
    pub fn new(imports: usize) -> Self {
        Space { imports: imports as u32, kind: PhantomData }
    }

    pub fn imports(&self) -> usize {
        self.imports as usize
    }

    /// The defined entity `i` is, or `None` for an import.
    pub fn defined(&self, i: All) -> Option<Def> {
        (i.index()).checked_sub(self.imports as usize).map(Def::new)
    }

    /// The whole-space index of defined entity `d`.
    pub fn index(&self, d: Def) -> All {
        All::new(d.index() + self.imports as usize)
    }

    /// The whole-space index of import `n`.
    pub fn import(&self, n: usize) -> All {
        debug_assert!(n < self.imports as usize);
        All::new(n)
    }
}
