//! Exiting before the link's memory is given back, as mold and wild do (`--fork`, the default
//! on Linux). A big link ends with hundreds of megabytes mapped; the kernel takes tens of
//! milliseconds to tear that down at exit (about 35 ms after a 200 MB debug link), and whoever
//! waits for the linker waits for that too. So the command forks before it reads its inputs:
//! the child links, prints its diagnostics, writes the output, then hands its exit status to the
//! waiting parent, which exits with it at once, while the child goes on to exit in the
//! background.
//!
//! A caller gets the same output, messages and status as without the fork. Before it reports,
//! the child points its standard output and error at `/dev/null`, so that a caller reading them
//! through pipes (rustc does) meets their end when the parent exits. If the child dies without
//! reporting (a signal, a crash), the parent waits for it and ends the same way. What differs
//! is what is measured from outside: the child's CPU time and memory are never counted as the
//! caller's child's (`time`, `/usr/bin/time`, `getrusage`), a debugger or profiler started on
//! the command sees only the parent waiting, and coverage or PGO counts are written after the
//! command returns. `--no-fork` is for those.

use std::io::{Read, Write};
use std::os::fd::AsRawFd;

/// The child's side: where it reports its exit status.
pub struct Detached(std::io::PipeWriter);

/// Forks, unless that is not safe here (or fails). In the parent this never returns: it exits
/// with the child's status. In the child (or when there was no fork) it returns what `exit`
/// needs.
///
/// Called before the process has any thread of its own: `fork` copies only the calling thread,
/// so a lock held by another (the allocator's, stdout's) would stay held in the child forever.
#[allow(unsafe_code, reason = "fork, prctl, _exit; see the SAFETY comments")]
pub fn fork() -> Option<Detached> {
    // (A check of that: a thread started before this point by a later change disables the
    // fork, rather than risk a child stuck on a lock.)
    if std::fs::read_dir("/proc/self/task").map_or(true, |tasks| tasks.count() != 1) {
        return None;
    }
    let _ = std::io::stdout().flush();
    let (mut reader, writer) = std::io::pipe().ok()?;
    let parent = std::process::id();
    // A caller that ignores SIGCHLD (which `exec` keeps) would have the child reaped at once,
    // and no status to wait for should it die without reporting.
    // SAFETY: sets this process's handling of one signal, to the default.
    unsafe { libc::signal(libc::SIGCHLD, libc::SIG_DFL) };
    // SAFETY: `fork` is safe to call in a process with one thread, which the command still is
    // here (nothing before this point starts one; the link's threads start later, in the
    // child). Each process then goes on with its own copy of everything.
    let pid = unsafe { libc::fork() };
    match pid {
        -1 => None,
        0 => {
            drop(reader);
            // A parent killed before it has the status (a build system giving up on the link)
            // takes the child with it, rather than leave it to write an output no one awaits.
            // SAFETY: plain system calls on this process.
            unsafe {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM as libc::c_ulong);
                if libc::getppid() as u32 != parent {
                    libc::_exit(1);
                }
            }
            Some(Detached(writer))
        }
        child => {
            drop(writer);
            let mut status = [0u8];
            if reader.read_exact(&mut status).is_ok() {
                // (Through `_exit`: the parent has nothing of its own to flush or free.)
                // SAFETY: ends this process; nothing is left to run in it.
                unsafe { libc::_exit(status[0].into()) }
            }
            end_as_child_did(child)
        }
    }
}

/// The parent, once the child died without reporting: the child's status, or its signal.
#[allow(unsafe_code, reason = "waitpid, raise; see the SAFETY comments")]
fn end_as_child_did(child: libc::pid_t) -> ! {
    let mut status = 0;
    // SAFETY: waits for this process's own child; `status` outlives the call.
    while unsafe { libc::waitpid(child, &mut status, 0) } == -1 {
        if std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
            std::process::exit(1);
        }
    }
    if libc::WIFSIGNALED(status) {
        let signal = libc::WTERMSIG(status);
        // SAFETY: restores the default action of the signal the child died of, then raises it,
        // so that the parent ends as the child did (a shell then reports the same); with no core
        // file of its own, which would overwrite the child's.
        unsafe {
            let none = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
            libc::setrlimit(libc::RLIMIT_CORE, &none);
            libc::signal(signal, libc::SIG_DFL);
            libc::raise(signal);
        }
        std::process::exit(128 + signal);
    }
    std::process::exit(if libc::WIFEXITED(status) { libc::WEXITSTATUS(status) } else { 1 })
}

/// Ends the link's process with `code`: in a forked child, reports it to the parent first.
/// Called on the main thread, the one `fork` returned on (the parent's death signal is that
/// thread's setting).
#[allow(unsafe_code, reason = "dup2, prctl; see the SAFETY comments")]
pub fn exit(detached: Option<Detached>, code: u8) -> ! {
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    if let Some(Detached(mut parent)) = detached {
        if let Ok(null) = std::fs::OpenOptions::new().write(true).open("/dev/null") {
            // SAFETY: `dup2` on descriptors this process owns: standard output and error now
            // name /dev/null, and nothing writes to them again.
            unsafe {
                libc::dup2(null.as_raw_fd(), 1);
                libc::dup2(null.as_raw_fd(), 2);
            }
        }
        // (The parent exits now, as it should: that must not kill this process mid-exit.)
        // SAFETY: a plain system call on this process.
        unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, 0 as libc::c_ulong) };
        let _ = parent.write_all(&[code]);
        drop(parent);
    }
    std::process::exit(code.into())
}
