//! Target features (wasm-ld's `populateTargetFeatures` and `checkFeatures`): merge the live
//! inputs' `target_features`, check them against each other and against what the output
//! needs, before anything is laid out.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::gc::Live;
use crate::resolve::SymbolTable;

/// The output's `target_features`: the features it uses, sorted; `None` when no input says
/// anything and no flag asks for the section.
pub struct Features {
    pub used: Option<Vec<String>>,
}

pub fn check(t: &SymbolTable, live: &Live, config: &Config, diags: &mut Diagnostics) -> Features {
    let live_files = || t.files.iter().filter(|(file, _)| live.files[*file]).map(|(_, f)| f);
    let mut used: Vec<&str> = Vec::new();
    let mut used_set: FxHashSet<&str> = Default::default();
    let mut disallowed: FxHashMap<&str, &str> = FxHashMap::default();
    let mut any = false;
    for f in live_files() {
        for &(prefix, name) in &f.obj.features {
            any = true;
            match prefix {
                b'+' | b'=' if used_set.insert(name) => used.push(name),
                b'-' => {
                    disallowed.entry(name).or_insert(&f.name);
                }
                _ => {}
            }
        }
    }
    if config.check_features {
        for f in live_files() {
            for &(prefix, name) in &f.obj.features {
                if prefix == b'+'
                    && let Some(by) = disallowed.get(name)
                {
                    diags.push(
                        Diagnostic::error(format!(
                            "Target feature '{name}' used in {} is disallowed by {by}. Use --no-check-features to suppress.",
                            f.name
                        ))
                        .file(f.name.clone()),
                    );
                }
            }
        }
        // TLS needs `memory.init` and, for threads, atomics (as in lld).
        let tls_used = t.files.iter().any(|(file, f)| live.segments_of(file).any(|s| f.obj.segments[s].is_tls()));
        for (needed, what) in [(config.shared_memory, "shared memory"), (tls_used, "thread-local storage")] {
            if !needed {
                continue;
            }
            for f in ["atomics", "bulk-memory"] {
                let allowed = match &config.features {
                    Some(list) => list.iter().any(|x| x == f),
                    None => used_set.contains(f),
                } || config.extra_features.iter().any(|x| x == f);
                if !allowed {
                    diags.error(format!("'{f}' feature must be used in order to use {what}"));
                }
            }
        }
        if let Some(allowed) = &config.features {
            for u in &used {
                if !allowed.iter().any(|a| a == u) {
                    diags.error(format!("Target feature '{u}' is not allowed."));
                }
            }
        }
    }
    if !any && config.features.is_none() && config.extra_features.is_empty() {
        return Features { used: None };
    }
    let mut list: Vec<String> = match &config.features {
        Some(f) => f.clone(),
        None => used.iter().map(|s| s.to_string()).collect(),
    };
    for e in &config.extra_features {
        if !list.contains(e) {
            list.push(e.clone());
        }
    }
    list.sort();
    Features { used: Some(list) }
}
