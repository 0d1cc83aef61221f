//! `--verbose` phase timings, as lld's `-- phase` log lines and wild's `--time`: one line per
//! phase with its wall time, as `Log` diagnostics (the command line prints them on stderr).

use std::time::{Duration, Instant};

use crate::diag::{Diagnostic, Diagnostics};

pub struct Clock {
    /// `None` unless `--verbose`: no clock is read otherwise.
    started: Option<(Instant, Instant)>,
}

impl Clock {
    pub fn new(verbose: bool) -> Clock {
        let now = verbose.then(Instant::now);
        Clock { started: now.map(|n| (n, n)) }
    }

    /// The phase `name` ended now.
    pub fn lap(&mut self, name: &str, diags: &mut Diagnostics) {
        if let Some((_, last)) = &mut self.started {
            let now = Instant::now();
            diags.push(Diagnostic::log(format!("phase {name}: {}", millis(now - *last))));
            *last = now;
        }
    }

    pub fn total(&self, diags: &mut Diagnostics) {
        if let Some((start, _)) = self.started {
            diags.push(Diagnostic::log(format!("link: {}", millis(start.elapsed()))));
        }
    }
}

fn millis(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}
