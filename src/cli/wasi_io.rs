//! The WASI command's file I/O, in positioned reads and writes.
//!
//! Under a WASI Preview 2 runtime, `read` and `write` on a file (what `std::fs` does) go through
//! WASI streams, which wasmtime serves 64 KiB at a time, each piece on a blocking thread. The
//! positioned calls (`pread`, `pwrite`) are `descriptor.read` and `descriptor.write`: a read is
//! still at most 64 KiB but is served in place, and a write takes as much as the runtime lets
//! one call copy (though smaller pieces are faster: `WRITE_CHUNK`). Measured under wasmtime 49
//! on 200 MB: reading 210 ms with `std::fs`, 23 ms this way; writing 230 ms, 135 ms (in pieces
//! of 4 MiB).

use std::fs::File;
use std::io;

/// How much one write hands the runtime: wasmtime refuses a call that copies too much
/// ("fuel allocated for hostcalls has been exhausted"). wasmtime copies each piece into a
/// buffer of its own: pieces this small come from memory its allocator keeps, where pieces of
/// 4 MiB had fresh pages to fault in. Writing wasm-tools' release module (16 MB) took 15.8 ms
/// with 4 MiB and 8.2 ms with 256 KiB (1,900 fewer page faults); its dev module, 143 and 65 ms.
const WRITE_CHUNK: usize = 256 << 10;

/// `buf.len()` bytes of `file` from offset `at`; an error if the file ends first.
pub fn read_exact_at(file: &File, mut buf: &mut [u8], mut at: u64) -> io::Result<()> {
    while !buf.is_empty() {
        match rustix::io::pread(file, &mut *buf, at)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                at += n as u64;
            }
        }
    }
    Ok(())
}

/// `len` bytes of `file` from offset `at`, in a new vector; an error if the file ends first.
///
/// Read straight into the vector's spare capacity: zeroing it first (`vec![0; len]`, the WASI
/// libc's `calloc`, which clears even fresh memory) costs a pass over bytes the read overwrites.
/// Memory that cannot be had (a file of gigabytes in a 32-bit address space) is an error.
pub fn read_vec_at(file: &File, len: usize, at: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reserve(&mut bytes, len)?;
    while bytes.len() < len {
        // (Into all the spare capacity, which may be more than asked for: cut below.)
        let from = at + bytes.len() as u64;
        if rustix::io::pread(file, rustix::buffer::spare_capacity(&mut bytes), from)? == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
    }
    bytes.truncate(len);
    Ok(bytes)
}

/// Room for `len` bytes in `buf`, or an error saying that they do not fit in memory.
pub fn reserve(buf: &mut Vec<u8>, len: usize) -> io::Result<()> {
    buf.try_reserve_exact(len.saturating_sub(buf.len()))
        .map_err(|_| io::Error::new(io::ErrorKind::OutOfMemory, format!("too big to read into memory ({len} bytes)")))
}

/// The whole file at `path`.
pub fn read(path: &str) -> io::Result<Vec<u8>> {
    let file = File::open(path)?;
    let len = usize::try_from(file.metadata()?.len()).map_err(|_| io::Error::from(io::ErrorKind::OutOfMemory))?;
    read_vec_at(&file, len, 0)
}

/// Writes `bytes` at the start of `file`.
pub fn write_all(file: &File, bytes: &[u8]) -> io::Result<()> {
    write_all_at(file, bytes, 0)
}

/// Writes `bytes` at offset `at` of `file`.
pub fn write_all_at(file: &File, bytes: &[u8], at: u64) -> io::Result<()> {
    let mut done = 0;
    while done < bytes.len() {
        match rustix::io::pwrite(file, &bytes[done..(done + WRITE_CHUNK).min(bytes.len())], at + done as u64)? {
            0 => return Err(io::ErrorKind::WriteZero.into()),
            n => done += n,
        }
    }
    Ok(())
}
