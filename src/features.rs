//! Target features (wasm-ld's `populateTargetFeatures` and `checkImportExportTargetFeatures`):
//! decide the features the output may use, check every input against the others and against
//! what the output needs, before anything is laid out; the import and export checks follow
//! layout.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap;

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::gc::Live;
use crate::layout::{ImportKind, Layout};
use crate::resolve::SymbolTable;

/// What WebAssembly wasmlink reads and writes, for its validation of the inputs' module
/// structure and of the output: every proposal but those whose types name other types by
/// index (function references, GC, stack switching, custom descriptors). Such an index
/// points into the object's own type section, which the output renumbers, and no
/// relocation says where one is, so a body that uses one is reported invalid, not linked
/// to mean another type.
pub const VALIDATED: wasmparser::WasmFeatures = wasmparser::WasmFeatures::all().difference(
    wasmparser::WasmFeatures::FUNCTION_REFERENCES
        .union(wasmparser::WasmFeatures::GC)
        .union(wasmparser::WasmFeatures::STACK_SWITCHING)
        .union(wasmparser::WasmFeatures::CUSTOM_DESCRIPTORS),
);

/// The features the output may use: `--features=`, or else every feature an input uses or
/// requires; plus `--extra-features=`, and `mutable-globals` for position-independent output.
pub struct Features {
    allowed: BTreeSet<String>,
}

impl Features {
    pub fn allows(&self, feature: &str) -> bool {
        self.allowed.contains(feature)
    }

    /// The `target_features` section's entries, sorted; none, and no section, when empty.
    pub fn section(&self) -> impl ExactSizeIterator<Item = &str> {
        self.allowed.iter().map(String::as_str)
    }
}

pub fn check(t: &SymbolTable, live: &Live, config: &Config, diags: &mut Diagnostics) -> Features {
    let mut allowed: BTreeSet<String> = BTreeSet::new();
    if config.is_pic() {
        // lld's workaround for PIC objects without the feature (llvm-project#51681).
        allowed.insert("mutable-globals".into());
    }
    allowed.extend(config.extra_features.iter().cloned());
    let infer = config.features.is_none();
    if let Some(list) = &config.features {
        allowed.extend(list.iter().cloned());
        if !config.check_features {
            return Features { allowed };
        }
    }

    // Each feature with the first file that uses (or requires, or disallows) it. lld looks at
    // every object it loaded, live or not.
    let mut used = FirstUse::default();
    let mut required = FirstUse::default();
    let mut disallowed: FxHashMap<&str, &str> = FxHashMap::default();
    for (_, f) in t.files.iter() {
        for &(prefix, name) in &f.obj.features {
            match prefix {
                b'+' => used.add(name, &f.name),
                b'=' => {
                    used.add(name, &f.name);
                    required.add(name, &f.name);
                }
                b'-' => {
                    disallowed.entry(name).or_insert(&f.name);
                }
                other => diags.error(format!("Unrecognized feature policy prefix {other}")),
            }
        }
    }
    if infer {
        allowed.extend(used.list.iter().map(|(n, _)| n.to_string()));
    }
    if !config.check_features {
        return Features { allowed };
    }

    let tls_used = t.files.iter().any(|(file, f)| live.segments_of(file).any(|s| f.obj.segments[s].is_tls()));
    if config.shared_memory
        && let Some(by) = disallowed.get("shared-mem")
    {
        diags.error(format!(
            "--shared-memory is disallowed by {by} because it was not compiled with 'atomics' or 'bulk-memory' features."
        ));
    }
    for (needed, what) in [(config.shared_memory, "shared memory"), (tls_used, "thread-local storage")] {
        for f in ["atomics", "bulk-memory"] {
            if needed && !allowed.contains(f) {
                diags.error(format!("'{f}' feature must be used in order to use {what}"));
            }
        }
    }
    if !infer {
        for (u, by) in &used.list {
            if !allowed.contains(*u) {
                diags.push(Diagnostic::error(format!("Target feature '{u}' used by {by} is not allowed.")).file(by.to_string()));
            }
        }
    }
    for (_, f) in t.files.iter() {
        let own = || f.obj.features.iter().filter(|(p, _)| *p != b'-').map(|&(_, n)| n);
        for name in own() {
            if let Some(by) = disallowed.get(name) {
                diags.push(
                    Diagnostic::error(format!(
                        "Target feature '{name}' used in {} is disallowed by {by}. Use --no-check-features to suppress.",
                        f.name
                    ))
                    .file(f.name.clone()),
                );
            }
        }
        // (A set of the file's own features only when something is required: a file may name
        // very many.)
        let owned: rustc_hash::FxHashSet<&str> = if required.list.is_empty() { Default::default() } else { own().collect() };
        for (name, by) in &required.list {
            if diags.full() {
                break;
            }
            if !owned.contains(name) {
                diags.push(
                    Diagnostic::error(format!(
                        "Missing target feature '{name}' in {}, required by {by}. Use --no-check-features to suppress.",
                        f.name
                    ))
                    .file(f.name.clone()),
                );
            }
        }
    }
    Features { allowed }
}

/// Each feature once, in the order first met, with the first file that names it.
#[derive(Default)]
struct FirstUse<'a> {
    list: Vec<(&'a str, &'a str)>,
    seen: rustc_hash::FxHashSet<&'a str>,
}

impl<'a> FirstUse<'a> {
    fn add(&mut self, name: &'a str, file: &'a str) {
        if self.seen.insert(name) {
            self.list.push((name, file));
        }
    }
}

/// Without `mutable-globals`, no global may cross the module boundary mutable, and (as lld
/// has it) no global symbol may be exported at all.
pub fn check_imports_exports(features: &Features, l: &Layout, config: &Config, diags: &mut Diagnostics) {
    let relocatable = config.kind == crate::config::OutputKind::Relocatable;
    if relocatable || !config.check_features || features.allows("mutable-globals") {
        return;
    }
    // (GOT entries are the loader's, and not checked: wasm-ld looks at imported symbols.)
    for i in l.imports.iter().filter(|i| !i.module.starts_with("GOT.")) {
        if let ImportKind::Global(ty) = &i.kind
            && ty.mutable
        {
            diags.push(
                Diagnostic::error(format!(
                    "mutable global imported but 'mutable-globals' feature not present in inputs: `{}`. Use --no-check-features to suppress.",
                    i.symbol
                ))
                .symbol(i.symbol),
            );
        }
    }
    for e in &l.exports {
        if e.mutable_global {
            diags.push(
                Diagnostic::error(format!(
                    "mutable global exported but 'mutable-globals' feature not present in inputs: `{}`. Use --no-check-features to suppress.",
                    e.name
                ))
                .symbol(e.name.clone()),
            );
        }
    }
}
