//! Diagnostics: collected by every phase, never panicked. The driver checks
//! for errors between phases so that all problems of one kind are reported
//! together (every undefined symbol, every duplicate), as lld does.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
    /// Information asked for (`--print-gc-sections`): printed to stdout by
    /// the command line, as lld's `message()`; never an error, even with
    /// `--fatal-warnings`.
    Note,
    /// `--verbose` progress (phase timings): printed to stderr, as lld's
    /// `log()`; never an error.
    Log,
}

/// One problem found while linking. `message` is the whole lld-shaped text
/// (including any `>>>` lines); the other fields repeat the location in a
/// structured form for callers that are not terminals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// Input file, as `a.o` or `libx.a(member.o)`.
    pub file: Option<String>,
    pub symbol: Option<String>,
    /// Byte offset inside `file` where the problem was found.
    pub offset: Option<u64>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            file: None,
            symbol: None,
            offset: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(message) }
    }

    pub fn note(message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Note, ..Diagnostic::error(message) }
    }

    pub fn log(message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Log, ..Diagnostic::error(message) }
    }

    /// A wasmlink bug: an output that failed validation with no input to
    /// blame. (Only the linker writes this message without naming a file; a
    /// user's text cannot start it, so fuzzers can tell.)
    pub fn is_internal_error(&self) -> bool {
        self.severity == Severity::Error && self.file.is_none() && self.message.starts_with(INTERNAL_ERROR)
    }

    /// Whether this stops the link (a warning does under `--fatal-warnings`).
    pub fn is_error(&self, fatal_warnings: bool) -> bool {
        self.severity == Severity::Error || fatal_warnings && self.severity == Severity::Warning
    }

    pub fn file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }

    pub fn symbol(mut self, symbol: impl Into<String>) -> Self {
        self.symbol = Some(symbol.into());
        self
    }

    pub fn offset(mut self, offset: u64) -> Self {
        self.offset = Some(offset);
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.severity {
            Severity::Error => write!(f, "error: {}", self.message),
            Severity::Warning => write!(f, "warning: {}", self.message),
            Severity::Note | Severity::Log => write!(f, "{}", self.message),
        }
    }
}

/// The accumulating list every phase writes into.
#[derive(Debug, Default)]
pub struct Diagnostics {
    pub list: Vec<Diagnostic>,
    /// `--fatal-warnings`: warnings count as errors at checkpoints.
    pub fatal_warnings: bool,
    /// `--error-limit`: errors kept before the rest are dropped (0: no limit).
    /// Hostile input can produce an error per symbol; the report stays short.
    pub error_limit: usize,
    errors: usize,
}

/// How a wasmlink bug's message starts.
pub const INTERNAL_ERROR: &str = "internal error: the output failed validation";

/// lld's words when it reaches the error limit.
pub const TOO_MANY_ERRORS: &str = "too many errors emitted, stopping now (use -error-limit=0 to see all errors)";

impl Diagnostics {
    pub fn new(fatal_warnings: bool, error_limit: usize) -> Self {
        Diagnostics { list: Vec::new(), fatal_warnings, error_limit, errors: 0 }
    }

    /// Errors so far (warnings too, with `--fatal-warnings`).
    pub fn error_count(&self) -> usize {
        self.errors
    }

    pub fn push(&mut self, d: Diagnostic) {
        if d.is_error(self.fatal_warnings) {
            if self.error_limit != 0 && self.errors > self.error_limit {
                return;
            }
            self.errors += 1;
            if self.error_limit != 0 && self.errors > self.error_limit {
                self.list.push(Diagnostic::error(TOO_MANY_ERRORS));
                return;
            }
        }
        self.list.push(d);
    }

    pub fn error(&mut self, message: impl Into<String>) {
        self.push(Diagnostic::error(message));
    }

    /// The error limit is reached: further errors are dropped (a loop that makes one per item
    /// can stop).
    pub fn full(&self) -> bool {
        self.error_limit != 0 && self.errors > self.error_limit
    }

    pub fn warn(&mut self, message: impl Into<String>) {
        self.push(Diagnostic::warning(message));
    }

    pub fn has_errors(&self) -> bool {
        self.list.iter().any(|d| d.is_error(self.fatal_warnings))
    }

    /// Error checkpoint between phases.
    pub fn checkpoint(&mut self) -> Result<(), Vec<Diagnostic>> {
        if self.has_errors() {
            let mut list = std::mem::take(&mut self.list);
            if self.fatal_warnings {
                for d in list.iter_mut().filter(|d| d.severity == Severity::Warning) {
                    d.severity = Severity::Error;
                }
            }
            Err(list)
        } else {
            Ok(())
        }
    }
}
