//! The loader's allocator of linear memory: module regions (`__memory_base`), thread stacks and
//! per-thread TLS blocks.
//!
//! It owns only what it was given or grew itself. New space always comes from `memory.grow`, as
//! a guest's `sbrk` gets it, so the two never hand out the same bytes; what is left of the last
//! page of a growth is kept for the next request. Fresh memory is zero, as DynamicLinking.md
//! requires of a module's region.

pub const PAGE: u64 = 65536;

/// The memory the allocator grows.
pub trait Grow {
    /// The current size in bytes.
    fn size_bytes(&mut self) -> u64;
    /// Grows by `pages`; the size in pages before, or why not.
    fn grow_pages(&mut self, pages: u64) -> Result<u64, String>;
}

#[derive(Debug, Default)]
pub struct Allocator {
    /// Free ranges `[start, end)`.
    free: Vec<(u64, u64)>,
}

fn align_up(x: u64, align: u64) -> u64 {
    x.div_ceil(align) * align
}

impl Allocator {
    pub fn new() -> Self {
        Self::default()
    }

    /// Hands `[start, end)` to the allocator.
    pub fn add_free(&mut self, start: u64, end: u64) {
        if start < end {
            self.free.push((start, end));
        }
    }

    /// Gives back what [`Allocator::alloc`] returned.
    pub fn free(&mut self, start: u32, size: u32) {
        if size > 0 {
            self.add_free(start as u64, start as u64 + size as u64);
        }
    }

    /// `size` bytes aligned to `align` (a power of two), zeroed if never used before.
    /// A request of 0 bytes gets address 0.
    pub fn alloc(&mut self, size: u32, align: u32, mem: &mut dyn Grow) -> Result<u32, String> {
        if size == 0 {
            return Ok(0);
        }
        let (size, align) = (size as u64, (align.max(1)) as u64);
        for i in 0..self.free.len() {
            let (s, e) = self.free[i];
            let a = align_up(s, align);
            if a + size <= e {
                self.free.swap_remove(i);
                self.add_free(s, a);
                self.add_free(a + size, e);
                return Ok(a as u32);
            }
        }
        // Grow. Another thread (or the guest) may grow the shared memory at the same time, so
        // the new space is wherever the growth says it starts.
        let mut want = size + align;
        loop {
            let pages = want.div_ceil(PAGE);
            let old = mem.grow_pages(pages).map_err(|e| {
                format!("out of memory: cannot grow the memory by {pages} pages for {size} bytes: {e}")
            })?;
            let (start, end) = (old * PAGE, (old + pages) * PAGE);
            let a = align_up(start, align);
            if a + size <= end && a + size <= u32::MAX as u64 + 1 {
                self.add_free(start, a);
                self.add_free(a + size, end);
                return Ok(a as u32);
            }
            if end > u32::MAX as u64 {
                return Err(format!("out of memory: {size} bytes do not fit below 4 GiB"));
            }
            self.add_free(start, end);
            want = a + size - start;
        }
    }
}
