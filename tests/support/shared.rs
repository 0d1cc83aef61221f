//! Shared by the root package's tests (tests/common) and host-tests (host-tests/tests/common),
//! included by `#[path]`: running a command with a timeout, the pinned cargo of a Rust test
//! program, and the flags SQLite needs.

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What a finished command did.
pub struct Ran {
    pub cmdline: String,
    /// Exit code; `None` if killed by a signal or by the timeout.
    pub code: Option<i32>,
    pub timed_out: bool,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub elapsed: Duration,
}

impl Ran {
    pub fn ok(&self) -> bool {
        self.code == Some(0)
    }

    pub fn status_string(&self) -> String {
        match (self.code, self.timed_out) {
            (_, true) => "timed out (killed)".to_string(),
            (Some(c), _) => format!("exit status {c}"),
            (None, _) => "killed by a signal".to_string(),
        }
    }

    pub fn stdout_str(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    pub fn stderr_str(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }

    pub fn describe(&self) -> String {
        format!(
            "command: {}\n{} after {:.1}s\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.cmdline,
            self.status_string(),
            self.elapsed.as_secs_f64(),
            truncate(&self.stdout_str(), 4000),
            truncate(&self.stderr_str(), 8000)
        )
    }

    pub fn assert_success(&self, what: &str) -> &Self {
        assert!(self.ok(), "{what} failed\n{}", self.describe());
        self
    }
}

pub fn truncate(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut cut = max;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}\n... ({} more bytes)", &s[..cut], s.len() - cut)
}

pub fn cmdline(cmd: &Command) -> String {
    let mut s = String::new();
    for (k, v) in cmd.get_envs() {
        if let Some(v) = v {
            let _ = write!(s, "{}={} ", k.to_string_lossy(), v.to_string_lossy());
        }
    }
    s.push_str(&shell_quote(cmd.get_program()));
    for a in cmd.get_args() {
        s.push(' ');
        s.push_str(&shell_quote(a));
    }
    s
}

fn shell_quote(s: &OsStr) -> String {
    let s = s.to_string_lossy();
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c))
    {
        s.into_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// Runs a command with stdin closed, capturing stdout and stderr, killing it after `timeout`.
pub fn run(cmd: &mut Command, timeout: Duration) -> Ran {
    let line = cmdline(cmd);
    let start = Instant::now();
    let mut child = match cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => panic!("cannot start `{line}`: {e}\nrun scripts/setup.sh"),
    };
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let err_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let mut timed_out = false;
    let status = loop {
        match child.try_wait() {
            Ok(Some(st)) => break st,
            Ok(None) if start.elapsed() > timeout => {
                timed_out = true;
                let _ = child.kill();
                break child.wait().expect("wait after kill");
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => panic!("waiting for `{line}`: {e}"),
        }
    };
    Ran {
        cmdline: line,
        code: if timed_out { None } else { status.code() },
        timed_out,
        stdout: out_t.join().unwrap_or_default(),
        stderr: err_t.join().unwrap_or_default(),
        elapsed: start.elapsed(),
    }
}

/// The rustc release a Rust test program is built with: the `channel` of the nearest
/// `rust-toolchain.toml` at or above `dir` (an exact release, installed by scripts/setup.sh).
pub fn pinned_channel(dir: &Path) -> String {
    let file = dir
        .ancestors()
        .map(|d| d.join("rust-toolchain.toml"))
        .find(|f| f.is_file())
        .unwrap_or_else(|| panic!("no rust-toolchain.toml at or above {}", dir.display()));
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("channel"))
        .filter_map(|rest| rest.trim_start().strip_prefix('='))
        .map(|v| v.trim().trim_matches('"').to_string())
        .next()
        .unwrap_or_else(|| panic!("{} names no channel", file.display()))
}

/// `cargo` of the release `dir` pins, through `rustup run`, so that neither the toolchain running
/// the tests nor an inherited `RUSTUP_TOOLCHAIN` decides which rustc builds a test program. Also
/// drops the flags and target settings the calling cargo may have put in the environment.
pub fn pinned_cargo(dir: &Path) -> Command {
    let mut cmd = Command::new("rustup");
    cmd.args(["run", &pinned_channel(dir), "cargo"]).current_dir(dir);
    for (k, _) in std::env::vars_os() {
        let k = k.to_string_lossy();
        let from_caller = ["RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS", "RUSTC", "RUSTC_WRAPPER", "RUSTDOC", "RUSTUP_TOOLCHAIN"]
            .contains(&k.as_ref())
            || k.starts_with("CARGO_BUILD_")
            || k.starts_with("CARGO_TARGET_") && !k.starts_with("CARGO_TARGET_DIR");
        if from_caller {
            cmd.env_remove(k.as_ref());
        }
    }
    cmd.env("CARGO_TERM_COLOR", "never");
    cmd
}

/// `-D` flags for compiling the SQLite amalgamation against the 2022 wasi-libc.
pub const SQLITE_DEFINES: &[&str] = &[
    "-DSQLITE_THREADSAFE=0",
    "-DSQLITE_OMIT_LOAD_EXTENSION",
    "-DSQLITE_DEFAULT_FOREIGN_KEYS=1",
    "-DSQLITE_ENABLE_FTS5",
    "-DSQLITE_ENABLE_RTREE",
    "-DSQLITE_ENABLE_MATH_FUNCTIONS",
    "-DHAVE_LOCALTIME_R",
    "-DLONGDOUBLE_TYPE=double",
    "-D_WASI_EMULATED_MMAN",
    "-D_WASI_EMULATED_GETPID",
    "-D_WASI_EMULATED_SIGNAL",
    "-D_WASI_EMULATED_PROCESS_CLOCKS",
];

