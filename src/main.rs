//! The `wasmlink` command: wasm-ld's command line over the library. All file
//! access lives here (and works the same under a WASI runtime).

use std::path::Path;
use std::process::ExitCode;

use wasmlink::{args, config::InputArg, Diagnostic, Input, Severity};

#[cfg(target_arch = "wasm32")]
#[path = "cli/compact_archive.rs"]
mod compact_archive;
#[cfg(target_arch = "wasm32")]
#[path = "cli/wasi_io.rs"]
mod wasi_io;
#[cfg(target_arch = "wasm32")]
#[path = "cli/wasi_output.rs"]
mod wasi_output;
/// Under WASI the output file is not mapped, but the module is still made in place, in memory
/// of its own, and the unchanged parts of the inputs written straight into the file.
#[cfg(target_arch = "wasm32")]
use wasi_output::GrownOutput as MappedOutput;
#[cfg(target_os = "linux")]
#[path = "cli/detach.rs"]
mod detach;
/// Elsewhere the link runs in the command's own process.
#[cfg(not(target_os = "linux"))]
mod detach {
    use std::io::Write;
    pub struct Detached;
    pub fn fork() -> Option<Detached> {
        None
    }
    pub fn exit(_: Option<Detached>, code: u8) -> ! {
        let _ = std::io::stdout().flush();
        std::process::exit(code.into())
    }
}

/// An input file's bytes: mapped natively (only the pages a link touches are ever read: an
/// rlib's metadata and unused archive members are not); read under WASI, an archive with a
/// symbol index compact (`src/cli/compact_archive.rs`).
enum FileBytes {
    #[cfg(not(target_arch = "wasm32"))]
    Mapped(MappedFile),
    Read(Vec<u8>),
    #[cfg(target_arch = "wasm32")]
    Compact(Vec<u8>, compact_archive::CompactArchive),
}

impl std::ops::Deref for FileBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            #[cfg(not(target_arch = "wasm32"))]
            FileBytes::Mapped(m) => m,
            FileBytes::Read(v) => v,
            #[cfg(target_arch = "wasm32")]
            FileBytes::Compact(v, _) => v,
        }
    }
}

impl FileBytes {
    /// Where a compact archive's members come from (`wasmlink::Input::members`).
    fn members(&self) -> Option<&dyn wasmlink::MemberSource> {
        match self {
            #[cfg(target_arch = "wasm32")]
            FileBytes::Compact(_, members) => Some(members),
            _ => None,
        }
    }

    /// Who gives back the pages of what the link is done with (`wasmlink::Input::pages`): a map.
    fn pages(&self) -> Option<&dyn wasmlink::InputPages> {
        match self {
            #[cfg(not(target_arch = "wasm32"))]
            FileBytes::Mapped(map) => Some(map),
            _ => None,
        }
    }
}

/// A mapped input, whose pages the link is done with are dropped from the process: an rlib's
/// index, headers and the members not extracted, which the link touched while resolving (a
/// sixth of a big Rust link's peak memory).
#[cfg(not(target_arch = "wasm32"))]
struct MappedFile {
    map: memmap2::Mmap,
    /// The file's device and inode, for `FileCopier` to find it again by its name (the file is
    /// not kept open: a link may have more inputs than a process may have open files).
    #[cfg_attr(not(any(target_os = "linux", target_os = "android")), allow(dead_code))]
    identity: (u64, u64),
}

#[cfg(not(target_arch = "wasm32"))]
impl std::ops::Deref for MappedFile {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.map
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl wasmlink::InputPages for MappedFile {
    fn done_with(&self, bytes: &[u8]) {
        let base = self.map.as_ptr() as usize;
        let (start, end) = (bytes.as_ptr() as usize, bytes.as_ptr() as usize + bytes.len());
        if start < base || end > base + self.map.len() {
            return;
        }
        // Whole pages only: a page shared with bytes still needed stays.
        let page = rustix::param::page_size();
        let (first, last) = (start.next_multiple_of(page), end / page * page);
        if first < last {
            // SAFETY: the map is `MAP_SHARED` and read-only, of a file opened read-only, and
            // never written. Pages dropped from it are read again from the file if the link
            // looks at them again (the advice's effect on a shared file map), with the same
            // bytes: the file is assumed not to change during the link, as for the map itself
            // (`read_input`). This adds no hazard to the map's own: a shared map shows a change
            // to the file at any time anyway. (memmap2 marks the advice unsafe for private and
            // anonymous maps, whose dropped pages come back zeroed; elsewhere than Linux it is
            // only a hint.)
            #[allow(unsafe_code, reason = "dropping pages of an input map; see the SAFETY comment")]
            let _ = unsafe { self.map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, first - base, last - first) };
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn read_input(path: &str, _compact: bool) -> std::io::Result<FileBytes> {
    let file = std::fs::File::open(path)?;
    let metadata = file.metadata()?;
    if metadata.len() == 0 {
        return Ok(FileBytes::Read(Vec::new()));
    }
    #[cfg(unix)]
    let identity = {
        use std::os::unix::fs::MetadataExt;
        (metadata.dev(), metadata.ino())
    };
    #[cfg(not(unix))]
    let identity = (0, 0);
    // SAFETY: the map is only read, and lives until the output is written. Were another
    // process to change the file during the link, the linker would read changing bytes (as
    // lld, which maps its inputs too, would): every read is bounds-checked against the
    // length fixed here, so the damage is a wrong or rejected output, and inputs are not
    // expected to change while they are linked.
    #[allow(unsafe_code, reason = "mapping input files; see the SAFETY comment")]
    let map = unsafe { memmap2::Mmap::map(&file)? };
    Ok(FileBytes::Mapped(MappedFile { map, identity }))
}

/// `compact`: an archive may be read compact (not for `--reproduce`, which copies inputs).
#[cfg(target_arch = "wasm32")]
fn read_input(path: &str, compact: bool) -> std::io::Result<FileBytes> {
    if compact && let Some((bytes, members)) = compact_archive::read(path)? {
        return Ok(FileBytes::Compact(bytes, members));
    }
    wasi_io::read(path).map(FileBytes::Read)
}

/// Writes the module: to stdout for `-`; straight into a device or pipe (`/dev/null`); else
/// beside the target and renamed over it, so that no half-written output is ever seen.
fn write_output(output: &str, module: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    if output == "-" {
        let mut out = std::io::stdout().lock();
        return out.write_all(module).and_then(|_| out.flush());
    }
    if std::fs::metadata(output).is_ok_and(|m| !m.is_file()) {
        return std::fs::write(output, module);
    }
    let tmp = format!("{output}.wasmlink-tmp");
    let _ = std::fs::remove_file(&tmp);
    write_executable(&tmp, module).and_then(|_| std::fs::rename(&tmp, output)).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// A new file, executable as lld makes its outputs (`F_executable`: mode 0777 less the umask),
/// open for reading (to be mapped) and writing.
fn create_executable(path: &str) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o777);
    options.open(path)
}

/// A new file holding `bytes` (see `create_executable`).
fn write_executable(path: &str, bytes: &[u8]) -> std::io::Result<()> {
    #[cfg(not(target_arch = "wasm32"))]
    use std::io::Write;
    #[cfg_attr(target_arch = "wasm32", allow(unused_mut))]
    let mut f = create_executable(path)?;
    // Its blocks reserved in one call first (as LLVM's FileOutputBuffer sizes its file): a big
    // output written into a file that grows as it goes is slower, and much slower at times, on
    // ext4. A file system that cannot is simply written.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    if !bytes.is_empty() {
        let _ = rustix::fs::fallocate(&f, rustix::fs::FallocateFlags::empty(), 0, bytes.len() as u64);
    }
    #[cfg(target_arch = "wasm32")]
    return wasi_io::write_all(&f, bytes);
    #[cfg(not(target_arch = "wasm32"))]
    f.write_all(bytes)
}

/// The output file, mapped, for the library to write the module into: the module goes into the
/// file's pages once, instead of being made in memory and copied into the file (as LLVM's
/// `FileOutputBuffer` maps lld's outputs). It is made beside the target (`NAME.wasmlink-tmp`)
/// and renamed over it once the link succeeds.
#[cfg(any(target_os = "linux", target_os = "android"))]
struct MappedOutput {
    file: std::fs::File,
    map: Option<memmap2::MmapMut>,
    /// The module's length so far.
    len: usize,
    /// How much of the file has its blocks reserved (the file may be longer: `FileCopier`
    /// writes past the module's length).
    reserved: usize,
    /// What copies input bytes into the file from outside the process, once the inputs are known.
    copier: Option<std::sync::Arc<FileCopier>>,
}

/// Copies bytes of mapped inputs into the output file with `copy_file_range`, from file to file
/// inside the kernel, and writes bytes to it with `pwrite` (`wasmlink::ModuleFile`): none of
/// those pages, the input's or the output's, is mapped into the process. The library hands it
/// the custom sections' parts that go out unpatched (a debug build's `.debug_str`, nearly half
/// of its output) and the sections it makes last.
#[cfg(any(target_os = "linux", target_os = "android"))]
struct FileCopier {
    out: std::fs::File,
    /// Each mapped input: where its map starts, its length, its name and identity, by start.
    inputs: Vec<(usize, usize, String, (u64, u64))>,
    /// Set when the system cannot (an old kernel, files on different file systems): the
    /// library then copies everything itself.
    refused: std::sync::atomic::AtomicBool,
}

#[cfg(any(target_os = "linux", target_os = "android"))]
impl wasmlink::ModuleFile for FileCopier {
    fn copy_input(&self, bytes: &[u8], at: usize) -> bool {
        use std::sync::atomic::Ordering::Relaxed;
        let start = bytes.as_ptr() as usize;
        let Some((base, len, name, identity)) = self.inputs.get(self.inputs.partition_point(|i| i.0 <= start).wrapping_sub(1)) else {
            return false;
        };
        if self.refused.load(Relaxed) || start + bytes.len() > base + len {
            return false;
        }
        // The file again, by its name: the one mapped, or none (it was replaced meanwhile).
        let Ok(file) = std::fs::File::open(name) else { return false };
        if !file.metadata().is_ok_and(|m| {
            use std::os::unix::fs::MetadataExt;
            (m.dev(), m.ino()) == *identity
        }) {
            return false;
        }
        let (mut from, mut to, mut left) = ((start - base) as u64, at as u64, bytes.len());
        while left > 0 {
            match rustix::fs::copy_file_range(&file, Some(&mut from), &self.out, Some(&mut to), left) {
                Ok(0) => return false,
                Ok(n) => left -= n,
                Err(rustix::io::Errno::INTR) => {}
                Err(_) => {
                    // (What was copied is copied again by the library.)
                    self.refused.store(true, Relaxed);
                    return false;
                }
            }
        }
        true
    }

    fn write(&self, mut bytes: &[u8], at: usize) -> bool {
        let mut at = at as u64;
        while !bytes.is_empty() {
            match rustix::io::pwrite(&self.out, bytes, at) {
                Ok(0) => return false,
                Ok(n) => {
                    bytes = &bytes[n..];
                    at += n as u64;
                }
                Err(rustix::io::Errno::INTR) => {}
                Err(_) => return false,
            }
        }
        true
    }
}

#[cfg(any(target_os = "linux", target_os = "android"))]
impl MappedOutput {
    /// `None` where the file cannot be made, or mapped with its blocks reserved: the module is
    /// then made in memory and written as usual.
    fn create(path: &str) -> Option<MappedOutput> {
        let file = create_executable(path).ok()?;
        let mut out = MappedOutput { file, map: None, len: 0, reserved: 0, copier: None };
        if wasmlink::ModuleMemory::resize(&mut out, 1).is_err() {
            drop(out);
            let _ = std::fs::remove_file(path);
            return None;
        }
        Some(out)
    }

    /// Lets the library have input bytes copied into the file from outside the process (see
    /// `FileCopier`): those of `inputs` that are mapped.
    fn copy_from(&mut self, inputs: &[(String, FileBytes)]) {
        // Only on a local file system, where a copy goes through the page cache that the map
        // shares, page by page. (Where the server copies, NFS or FUSE, the kernel drops or
        // rewrites whole pages around what it copied, which may hold bytes being written
        // through the map at the time.)
        const LOCAL: [u32; 6] = [
            0xEF53,      // ext2, ext3, ext4
            0x5846_5342, // XFS
            0x9123_683E, // Btrfs
            0xF2F5_2010, // F2FS
            0x0102_1994, // tmpfs
            0x794C_7630, // overlayfs (over one of these)
        ];
        if !rustix::fs::fstatfs(&self.file).is_ok_and(|fs| LOCAL.contains(&(fs.f_type as u32))) {
            return;
        }
        let Ok(out) = self.file.try_clone() else { return };
        let mut mapped: Vec<_> = inputs
            .iter()
            .filter_map(|(name, bytes)| match bytes {
                FileBytes::Mapped(m) => Some((m.map.as_ptr() as usize, m.map.len(), name.clone(), m.identity)),
                _ => None,
            })
            .collect();
        mapped.sort_by_key(|m| m.0);
        self.copier = Some(std::sync::Arc::new(FileCopier { out, inputs: mapped, refused: false.into() }));
    }

    /// Ends the map and cuts the file to the module's length.
    fn finish(mut self) -> std::io::Result<()> {
        self.map = None;
        self.file.set_len(self.len as u64)
    }
}

#[cfg(any(target_os = "linux", target_os = "android"))]
impl wasmlink::ModuleMemory for MappedOutput {
    fn prefault(&mut self, range: std::ops::Range<usize>) {
        // One system call instead of a page fault on each page: on the release link of a big
        // Rust program with --threads=1, its 4,000 faults were about 4% of the link. (Before
        // Linux 5.14 the advice is refused; the pages then fault in as they are written.)
        if let Some(map) = &self.map {
            let end = range.end.min(self.len).min(map.len());
            if range.start < end {
                let _ = map.advise_range(memmap2::Advice::PopulateWrite, range.start, end - range.start);
            }
        }
    }

    fn resize(&mut self, len: usize) -> Result<(), String> {
        if len > self.reserved {
            // The blocks are reserved before their pages are written: a write to a mapped page the
            // file system has no room for would kill the process (SIGBUS) rather than fail here.
            rustix::fs::fallocate(&self.file, rustix::fs::FallocateFlags::empty(), 0, len as u64).map_err(|e| e.to_string())?;
            self.reserved = len;
        }
        if len > self.map.as_ref().map_or(0, |m| m.len()) {
            // Mapped with room to grow by a quarter: a map made again loses the pages already
            // touched in the old one (and unmapping them takes a while), and the module's last
            // sections are sized only once the rest is written.
            self.map = None;
            // SAFETY: the file is this process's own, made just now under a temporary name
            // (`create_new`), and only this process writes it. Only its first `len` bytes are
            // ever touched (`bytes`), which the file has: a page of the map past the file's end
            // would fault (SIGBUS), and so would a write to any page were another process to cut
            // the file short during the link, as in lld, whose output is mapped the same way.
            // The kernel also writes the file besides the map (`FileCopier`), where the library
            // neither writes nor reads through the map meanwhile: both go through the one page
            // cache, so the map then shows those bytes.
            #[allow(unsafe_code, reason = "mapping the output file; see the SAFETY comment")]
            let map = unsafe { memmap2::MmapOptions::new().len(len + len / 4).map_mut(&self.file) }.map_err(|e| e.to_string())?;
            self.map = Some(map);
        }
        if let Some(map) = &mut self.map
            && len < self.len
        {
            // Past the module's length the file stays zero, whatever is written there later
            // (by `FileCopier` too): bytes cut off are zeroed in the file, which also drops their
            // pages from the process (most were never touched). Where the file system cannot
            // zero a range, a hole is punched (its blocks reserved again when the module grows),
            // and only where it cannot do that either are the bytes zeroed through the map.
            use rustix::fs::FallocateFlags as F;
            let end = self.len.min(map.len());
            let (at, cut) = (len as u64, (end - len) as u64);
            if rustix::fs::fallocate(&self.file, F::ZERO_RANGE | F::KEEP_SIZE, at, cut).is_err() {
                if rustix::fs::fallocate(&self.file, F::PUNCH_HOLE | F::KEEP_SIZE, at, cut).is_ok() {
                    self.reserved = self.reserved.min(len);
                } else {
                    map[len..end].fill(0);
                }
            }
        }
        self.len = len;
        Ok(())
    }

    fn bytes(&mut self) -> &mut [u8] {
        match &mut self.map {
            Some(map) => &mut map[..self.len],
            None => &mut [],
        }
    }

    fn file(&self) -> Option<std::sync::Arc<dyn wasmlink::ModuleFile>> {
        self.copier.clone().map(|c| c as std::sync::Arc<dyn wasmlink::ModuleFile>)
    }
}

/// Unmaps and removes the output a failed link was written into, if it was mapped.
fn discard(mapped: Option<MappedOutput>, tmp: &str) {
    if mapped.is_some() {
        drop(mapped);
        let _ = std::fs::remove_file(tmp);
    }
}

/// Elsewhere (but under WASI) the output is never mapped: the module is made in memory.
#[cfg(not(any(target_os = "linux", target_os = "android", target_arch = "wasm32")))]
enum MappedOutput {}

#[cfg(not(any(target_os = "linux", target_os = "android", target_arch = "wasm32")))]
impl MappedOutput {
    fn create(_: &str) -> Option<MappedOutput> {
        None
    }

    fn copy_from(&mut self, _: &[(String, FileBytes)]) {
        match *self {}
    }

    fn finish(self) -> std::io::Result<()> {
        match self {}
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_arch = "wasm32")))]
impl wasmlink::ModuleMemory for MappedOutput {
    fn resize(&mut self, _: usize) -> Result<(), String> {
        match *self {}
    }

    fn bytes(&mut self) -> &mut [u8] {
        match *self {}
    }
}

/// Removes the previous output at `path`, if it is a regular file: the new one is written beside
/// it and renamed into place once linked, and a failed link leaves none.
fn remove_old_output(path: &str) {
    if path == "-" || !std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file()) {
        return;
    }
    // Without waiting for the file system to free its blocks, as ELF lld's `unlinkAsync`: it is
    // opened, renamed, its name removed, and the last handle closed on another thread (freeing a
    // big file's blocks at `unlink` or `rename` time takes a noticeable part of a link).
    #[cfg(not(target_arch = "wasm32"))]
    {
        let Ok(file) = std::fs::File::open(path) else { return };
        let old = format!("{path}.wasmlink-old");
        if std::fs::rename(path, &old).is_ok() && std::fs::remove_file(&old).is_ok() {
            std::thread::spawn(move || drop(file));
        }
    }
    // With no thread to leave it to, it is removed now: that costs what replacing it would, and
    // the output's `rename` then replaces nothing. (Replacing a file on ext4 first has the
    // kernel allocate and start writing back the new one's blocks, the `auto_da_alloc`
    // safeguard, which a WASI program, unable to reserve them, pays in full: 80 to 100 ms on a
    // 200 MB output, against 40 for the removal.)
    #[cfg(target_arch = "wasm32")]
    let _ = std::fs::remove_file(path);
}

/// An I/O error's reason as lld words it (the C library's, without Rust's ` (os error N)`).
fn reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.rfind(" (os error ") {
        Some(i) if text.ends_with(')') => text[..i].to_string(),
        _ => text,
    }
}

/// Writes a report (`-Map`, `--why-extract`): to stdout for `-`.
fn write_text(path: &str, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    if path == "-" {
        let mut out = std::io::stdout().lock();
        return out.write_all(text.as_bytes()).and_then(|_| out.flush());
    }
    std::fs::write(path, text)
}

/// lld's `relativeToRoot`: where `--reproduce` keeps an input inside its archive, the
/// absolute path without `.`, `..` and the leading `/`.
fn relative_to_root(path: &str) -> String {
    use std::path::Component;
    let Ok(abs) = std::path::absolute(path) else { return path.to_string() };
    let mut parts: Vec<&std::ffi::OsStr> = Vec::new();
    for c in abs.components() {
        match c {
            Component::Normal(p) => parts.push(p),
            Component::ParentDir => {
                parts.pop();
            }
            Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
        }
    }
    let joined: std::path::PathBuf = parts.iter().collect();
    joined.to_string_lossy().into_owned()
}

/// `--reproduce=X.tar`: an archive of the link, as lld's `TarWriter` makes it: everything under
/// `X/` (the file's stem), `response.txt` (the command line, inputs renamed into the archive)
/// and `version.txt` first, then each input as it is read, once.
struct Reproduce {
    tar: tar::Builder<std::fs::File>,
    dir: String,
    added: std::collections::HashSet<String>,
}

/// What `--version` prints and `--reproduce` records: "LLD" in it, as scripts that ask
/// wasm-ld for its version look for.
fn version_line() -> String {
    format!("wasmlink {} (compatible with wasm-ld, LLD 19)", env!("CARGO_PKG_VERSION"))
}

impl Reproduce {
    fn create(path: &str, response: &str) -> std::io::Result<Reproduce> {
        let dir = Path::new(path).file_stem().map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        let tar = tar::Builder::new(std::fs::File::create(path)?);
        let mut r = Reproduce { tar, dir, added: Default::default() };
        r.append("response.txt", response.as_bytes())?;
        let version = format!("{}\n", version_line());
        r.append("version.txt", version.as_bytes())?;
        Ok(r)
    }

    fn append(&mut self, name: &str, bytes: &[u8]) -> std::io::Result<()> {
        let path = format!("{}/{name}", self.dir);
        if !self.added.insert(path.clone()) {
            return Ok(());
        }
        let mut header = tar::Header::new_ustar();
        header.set_entry_type(tar::EntryType::Regular);
        header.set_mode(0o664);
        header.set_mtime(0);
        header.set_size(bytes.len() as u64);
        self.tar.append_data(&mut header, path, bytes)
    }
}

/// Whether `output` can be created or replaced, found by creating (and removing) the
/// temporary that `write_output` will write.
fn check_writable(output: &str) -> std::io::Result<()> {
    if output == "-" {
        return Ok(());
    }
    match std::fs::metadata(output) {
        Ok(m) if m.is_dir() => return Err(std::io::Error::new(std::io::ErrorKind::IsADirectory, "Is a directory")),
        Ok(m) if !m.is_file() => return Ok(()),
        _ => {}
    }
    let tmp = format!("{output}.wasmlink-tmp");
    std::fs::write(&tmp, b"")?;
    std::fs::remove_file(&tmp)
}

/// Pads glibc's heaps by 32 MiB (`M_TOP_PAD`). Each thread other than the main one allocates
/// from a heap of its own (64 MiB reserved), which glibc otherwise makes readable and writable a
/// few pages at a time, one `mprotect` each: 2,200 of them on the release link of a big Rust
/// program on two cores, 3,600 on its debug link, each taking the process's memory map lock away
/// from the other thread's page faults. With the pad a new heap starts 32 MiB long (past that it
/// grows as before) and the main heap grows 32 MiB at a time: a dozen calls, and 1,000. Memory
/// so taken costs nothing until it is written. Setting the pad also fixes glibc's `mmap`
/// threshold at 128 KiB (no longer raised as big blocks are freed); the measurements include
/// that. (wasm-tools' links: 2 to 3% less time on two cores, the same peak memory; one thread
/// unchanged.)
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn pad_allocator() {
    // SAFETY: `mallopt` only sets a parameter of glibc's allocator; it is called before any
    // other thread exists.
    #[allow(unsafe_code, reason = "setting a glibc allocator parameter; see the SAFETY comment")]
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 32 << 20);
    }
}

fn main() -> ExitCode {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    pad_allocator();
    let mut argv: Vec<String> = std::env::args().collect();
    // lld's habit: name ourselves after how we were invoked.
    let prog = argv
        .first()
        .and_then(|a| Path::new(a).file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "wasmlink".into());
    argv.remove(0);
    // `wasmtime run x.wasm -- <flags>` hands the `--` through.
    if argv.first().is_some_and(|a| a == "--") {
        argv.remove(0);
    }
    let report = |d: &Diagnostic| match d.severity {
        Severity::Note => println!("{d}"),
        Severity::Log => eprintln!("{prog}: {d}"),
        _ => eprintln!("{prog}: {d}"),
    };
    let read = |p: &str| std::fs::read_to_string(p).ok();
    let mut parsed = match args::parse(&argv, &read) {
        Ok(p) => p,
        Err(errors) => {
            for e in errors {
                report(&Diagnostic::error(e));
            }
            return ExitCode::FAILURE;
        }
    };
    if parsed.help {
        print!("{}", args::help_text(&prog));
        return ExitCode::SUCCESS;
    }
    // The command line's warnings come first, as wasm-ld's do, even when only the version is
    // printed; the library is not asked to repeat them.
    let severity = if parsed.config.fatal_warnings { Severity::Error } else { Severity::Warning };
    let warnings = std::mem::take(&mut parsed.config.arg_warnings);
    for w in &warnings {
        report(&Diagnostic { severity, ..Diagnostic::warning(w.clone()) });
    }
    if severity == Severity::Error && !warnings.is_empty() && !parsed.version_only {
        return ExitCode::FAILURE;
    }
    if parsed.version {
        println!("{}", version_line());
    }
    if parsed.version_only {
        return ExitCode::SUCCESS;
    }
    if let Err(e) = wasmlink::resolve_libraries(&mut parsed, &|p| Path::new(p).is_file()) {
        report(&Diagnostic::error(e));
        return ExitCode::FAILURE;
    }
    if let Err(e) = wasmlink::read_import_lists(&mut parsed, &read) {
        report(&Diagnostic::error(e));
        return ExitCode::FAILURE;
    }
    if parsed.config.inputs.iter().all(|i| !matches!(i, InputArg::File(_))) {
        report(&Diagnostic::error("no input files"));
        return ExitCode::FAILURE;
    }
    let Some(output) = parsed.config.output.clone() else {
        report(&Diagnostic::error("no output file specified"));
        return ExitCode::FAILURE;
    };
    // Fail before a long link, not after it, when the output or the map cannot be written.
    let mut failed = false;
    if let Err(e) = check_writable(&output) {
        report(&Diagnostic::error(format!("cannot open output file {output}: {}", reason(&e))));
        failed = true;
    }
    if let Some(map) = &parsed.config.map_file
        && let Err(e) = check_writable(map)
    {
        report(&Diagnostic::error(format!("cannot open map file {map}: {}", reason(&e))));
        failed = true;
    }
    if failed {
        return ExitCode::FAILURE;
    }
    // From here the link runs in a child process, natively on Linux (`src/cli/detach.rs`).
    let detached = if parsed.fork { detach::fork() } else { None };
    // `--reproduce`, else lld's LLD_REPRODUCE: an archive to run this link again from. A
    // failure to make it fails the link, once the inputs have been read (as in lld).
    let reproduce_path = parsed.reproduce.clone().or_else(|| std::env::var("LLD_REPRODUCE").ok().filter(|p| !p.is_empty()));
    let mut reproduce = None;
    if let Some(path) = &reproduce_path {
        let made = args::response_file(&argv, &read, &relative_to_root)
            .map_err(|e| e.join("; "))
            .and_then(|response| Reproduce::create(path, &response).map_err(|e| reason(&e)));
        match made {
            Ok(r) => reproduce = Some(r),
            Err(e) => {
                report(&Diagnostic::error(format!("--reproduce: {e}")));
                failed = true;
            }
        }
    }
    // `--verbose`: the command's own steps timed beside the library's phases.
    let mut since = parsed.config.verbose.then(std::time::Instant::now);
    let lap = |what: &str, since: &mut Option<std::time::Instant>| {
        if let Some(t) = since {
            eprintln!("{prog}: {what}: {:.3} ms", t.elapsed().as_secs_f64() * 1000.0);
            *t = std::time::Instant::now();
        }
    };
    let mut files = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for input in &parsed.config.inputs {
        let InputArg::File(name) = input else { continue };
        if !seen.insert(name.clone()) {
            continue;
        }
        match read_input(name, reproduce.is_none()) {
            Ok(bytes) => {
                if let Some(r) = &mut reproduce
                    && let Err(e) = r.append(&relative_to_root(name), &bytes)
                {
                    report(&Diagnostic::error(format!("--reproduce: cannot add {name}: {}", reason(&e))));
                    failed = true;
                }
                files.push((name.clone(), bytes))
            }
            Err(e) => {
                report(&Diagnostic::error(format!("cannot open {name}: {e}")));
                failed = true;
            }
        }
    }
    // A thin archive names its members' files: they are read too.
    let thin: Vec<String> = files.iter().flat_map(|(name, bytes)| wasmlink::input::archive::thin_members(name, bytes)).collect();
    for path in thin {
        if !seen.insert(path.clone()) {
            continue;
        }
        match read_input(&path, reproduce.is_none()) {
            Ok(bytes) => {
                if let Some(r) = &mut reproduce
                    && let Err(e) = r.append(&relative_to_root(&path), &bytes)
                {
                    report(&Diagnostic::error(format!("--reproduce: cannot add {path}: {}", reason(&e))));
                    failed = true;
                }
                files.push((path.clone(), bytes))
            }
            Err(e) => {
                report(&Diagnostic::error(format!("cannot open {path}: {}", reason(&e))));
                failed = true;
            }
        }
    }
    if let Some(r) = reproduce
        && let Err(e) = r.tar.into_inner().and_then(|f| f.sync_all())
    {
        report(&Diagnostic::error(format!("--reproduce: {}", reason(&e))));
        failed = true;
    }
    if failed {
        detach::exit(detached, 1);
    }
    // The previous output goes now, natively its blocks freed on another thread while the link
    // runs (after the inputs are read: it may be one of them, and a map keeps it alive).
    remove_old_output(&output);
    lap("read inputs", &mut since);
    parsed.config.exit_after_link = true;
    let inputs: Vec<Input> = files.iter().map(|(name, bytes)| Input { name, bytes, members: bytes.members(), pages: bytes.pages() }).collect();
    // A regular file is written through a map of it, made now (under WASI, from memory of the
    // module's own: `GrownOutput`); else (stdout, a device, another system) the module is made
    // in memory and written once linked.
    let tmp = format!("{output}.wasmlink-tmp");
    #[cfg(not(target_arch = "wasm32"))]
    let create = || MappedOutput::create(&tmp);
    #[cfg(target_arch = "wasm32")]
    let create = || MappedOutput::create(&tmp, parsed.config.build_id != wasmlink::config::BuildId::None);
    let mut mapped = (output != "-" && std::fs::metadata(&output).is_err()).then(create).flatten();
    if let Some(out) = &mut mapped {
        out.copy_from(&files);
    }
    lap("map output", &mut since);
    let linked = match &mut mapped {
        Some(memory) => wasmlink::link_into(&inputs, &parsed.config, memory),
        None => wasmlink::link_explained(&inputs, &parsed.config),
    };
    let diagnostics = match &linked.result {
        Ok(out) => &out.diagnostics,
        Err(diags) => diags,
    };
    for d in diagnostics {
        report(d);
    }
    since = since.map(|_| std::time::Instant::now());
    // lld writes `--why-extract=` once symbols are resolved, so also for a link that fails
    // later; failing to write it fails the link.
    let mut report_failed = false;
    if let (Some(path), Some(text)) = (&parsed.config.why_extract, &linked.why_extract)
        && let Err(e) = write_text(path, text)
    {
        report(&Diagnostic::error(format!("cannot open --why-extract= file {path}: {}", reason(&e))));
        report_failed = true;
    }
    match linked.result {
        Ok(out) if !report_failed => {
            if let (Some(path), Some(map)) = (&parsed.config.map_file, &out.map)
                && let Err(e) = write_text(path, map)
            {
                report(&Diagnostic::error(format!("cannot open {path}: {}", reason(&e))));
                discard(mapped, &tmp);
                detach::exit(detached, 1);
            }
            let written = match mapped {
                Some(memory) => memory.finish().and_then(|()| std::fs::rename(&tmp, &output)),
                None => write_output(&output, &out.module),
            };
            if let Err(e) = written {
                let _ = std::fs::remove_file(&tmp);
                report(&Diagnostic::error(format!("cannot write {output}: {e}")));
                detach::exit(detached, 1);
            }
            lap("write output", &mut since);
            // Done: the process ends here, as lld's `exitLld` ends it, without unmapping the
            // inputs and freeing the module one by one first (the kernel frees the address space
            // at exit anyway; doing it twice took tens of milliseconds on a 200 MB link).
            detach::exit(detached, 0)
        }
        Ok(_) | Err(_) => {
            discard(mapped, &tmp);
            // No stale output is left to be mistaken for this link's (but a device such as
            // /dev/null is not a file to remove).
            if std::fs::symlink_metadata(&output).is_ok_and(|m| m.is_file()) {
                let _ = std::fs::remove_file(&output);
            }
            detach::exit(detached, 1)
        }
    }
}
