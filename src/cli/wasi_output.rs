//! The WASI command's output: the module made in pages of linear memory grown for it alone,
//! and the custom sections' parts that go out as they came in written from the inputs straight
//! into the file.
//!
//! In a vector the module would be zeroed first (`calloc` clears even fresh memory), then filled,
//! then written out whole. On a debug build of a big Rust program that is 206 MB, of which the
//! debug strings (91 MB at -O0) are bytes of the inputs, already in memory, that go out
//! unchanged: here they are written into the file from where they lie, and their part of the
//! module's memory is never touched, so the runtime never backs it with pages. (Natively the
//! output file is mapped and the kernel copies those bytes from file to file: `MappedOutput` in
//! main.rs.) The debug link of wasm-tools under wasmtime: 1.60 to 1.47 s, 661 to 577 MB.

use std::fs::File;
use std::ops::Range;
use std::sync::{Arc, Mutex};

use crate::FileBytes;

/// The bytes of a WebAssembly page: what `memory.grow` counts in.
const WASM_PAGE: usize = 1 << 16;

/// The output file (made under a temporary name, renamed into place once linked) and the memory
/// the module is written into.
pub struct GrownOutput {
    file: Arc<File>,
    /// Where the module's memory starts in linear memory, and how much of it there is.
    start: usize,
    capacity: usize,
    /// The module's length so far.
    len: usize,
    /// What writes into the file from outside the module's memory; `None` with `--build-id`,
    /// which reads the whole module from that memory.
    copier: Option<Arc<InputCopier>>,
}

/// Writes input bytes into the output file at their place in the module, and remembers where:
/// those parts of the module's memory stay zero, and `GrownOutput::finish` does not write them
/// over.
struct InputCopier {
    file: Arc<File>,
    written: Mutex<Vec<Range<usize>>>,
}

impl wasmlink::ModuleFile for InputCopier {
    fn copy_input(&self, bytes: &[u8], at: usize) -> bool {
        if crate::wasi_io::write_all_at(&self.file, bytes, at as u64).is_err() {
            // (The writer then copies them into the module's memory, and `finish` writes them
            // again, over whatever part was written.)
            return false;
        }
        self.written.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(at..at + bytes.len());
        true
    }

    /// Not taken: the writer's own sections are validated in the module's memory, which must
    /// hold them (natively the map shows what was written to the file).
    fn write(&self, _: &[u8], _: usize) -> bool {
        false
    }
}

impl GrownOutput {
    /// A new file at `path` for the module; `None` where it cannot be made (the module is then
    /// made in a vector and written as usual). `build_id`: whether the link computes a build id,
    /// which hashes the module's memory, so every byte must be there.
    pub fn create(path: &str, build_id: bool) -> Option<GrownOutput> {
        let file = Arc::new(crate::create_executable(path).ok()?);
        let copier = (!build_id).then(|| Arc::new(InputCopier { file: file.clone(), written: Mutex::new(Vec::new()) }));
        Some(GrownOutput { file, start: 0, capacity: 0, len: 0, copier })
    }

    /// Natively, where the inputs are mapped (see `MappedOutput`); here any input's bytes can
    /// be written from where they were read.
    pub fn copy_from(&mut self, _: &[(String, FileBytes)]) {}

    /// Writes what the module's memory holds into the file, but for the parts written there
    /// already, and cuts the file to the module's length.
    pub fn finish(mut self) -> std::io::Result<()> {
        let len = self.len;
        let mut written = match &self.copier {
            Some(c) => std::mem::take(&mut *c.written.lock().unwrap_or_else(std::sync::PoisonError::into_inner)),
            None => Vec::new(),
        };
        written.sort_unstable_by_key(|r| r.start);
        let file = self.file.clone();
        let module = wasmlink::ModuleMemory::bytes(&mut self);
        let mut from = 0;
        for r in written.iter().chain(std::iter::once(&(len..len))) {
            let to = r.start.min(len);
            if from < to {
                crate::wasi_io::write_all_at(&file, &module[from..to], from as u64)?;
            }
            from = from.max(r.end);
        }
        file.set_len(len as u64)
    }
}

impl wasmlink::ModuleMemory for GrownOutput {
    fn resize(&mut self, len: usize) -> Result<(), String> {
        if len > self.capacity {
            // Fresh pages (zero, as WebAssembly grows them), and the module moves there: the
            // writer sizes it once on one thread, so this is its first size nearly always.
            let pages = len.div_ceil(WASM_PAGE);
            let at = match core::arch::wasm32::memory_grow(0, pages) {
                usize::MAX => return Err(format!("{len} bytes do not fit in memory")),
                first => first * WASM_PAGE,
            };
            if self.len > 0 {
                // SAFETY: the old stretch is this memory's own (see `bytes`) and holds
                // `self.len` bytes; the new one was grown just now, past it, for `len`.
                #[allow(unsafe_code, reason = "moving the module to fresh pages; see the SAFETY comment")]
                unsafe {
                    std::ptr::copy_nonoverlapping(self.start as *const u8, at as *mut u8, self.len)
                };
            }
            (self.start, self.capacity) = (at, pages * WASM_PAGE);
        } else if len < self.len {
            // (Bytes past the module's length are zero, should it grow again.)
            wasmlink::ModuleMemory::bytes(self)[len..].fill(0);
        }
        self.len = len;
        Ok(())
    }

    fn bytes(&mut self) -> &mut [u8] {
        if self.capacity == 0 {
            return &mut [];
        }
        // SAFETY: `start..start + capacity` are pages of linear memory that `memory.grow` added
        // for this memory alone: the allocator gets its pages by growing the memory itself, so
        // it never hands these out, and a WebAssembly memory never shrinks. They are zero but
        // where the module was written, and the slice borrows `self` mutably.
        #[allow(unsafe_code, reason = "the module's own pages of linear memory; see the SAFETY comment")]
        unsafe {
            std::slice::from_raw_parts_mut(self.start as *mut u8, self.len)
        }
    }

    fn file(&self) -> Option<Arc<dyn wasmlink::ModuleFile>> {
        self.copier.clone().map(|c| c as Arc<dyn wasmlink::ModuleFile>)
    }
}
