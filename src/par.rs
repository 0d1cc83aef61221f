//! Data parallelism, in one place: per-file and per-function work runs on rayon's threads in
//! the native build (feature `parallel`), and in order on the calling thread in the component,
//! which has none, and natively with `--threads=1` (as lld's `parallelFor` does with one
//! thread). Results always come back in input order, so outputs do not depend on scheduling.

use std::cell::Cell;

/// Whether this build can run work on several threads (natively), or only in order (the
/// component).
const THREADED_BUILD: bool = cfg!(all(feature = "parallel", not(target_arch = "wasm32")));

thread_local! {
    /// Set on the thread running a serial link (`with_threads` with one thread), for its
    /// duration: that link's work all stays on this thread.
    static SERIAL: Cell<bool> = const { Cell::new(false) };
}

/// Whether work runs on several threads here: natively, unless the link is serial.
pub fn parallel() -> bool {
    THREADED_BUILD && !SERIAL.with(Cell::get)
}

/// Whether another thread can take work at once: natively, more than one thread in the pool.
pub fn helpers_available() -> bool {
    #[cfg(all(feature = "parallel", not(target_arch = "wasm32")))]
    {
        parallel() && rayon::current_num_threads() > 1
    }
    #[cfg(not(all(feature = "parallel", not(target_arch = "wasm32"))))]
    {
        false
    }
}

/// The most items one thread works through before others may take over the rest of its share.
/// Rayon otherwise leaves each thread a few long runs of items, and where their costs differ
/// (a file's debug sections against another's few functions) one core was left working alone
/// for a fifth of a debug link's time. Per-file work splits to single files.
#[cfg(all(feature = "parallel", not(target_arch = "wasm32")))]
const FILES_PER_RUN: usize = 1;
/// Per-function work, in runs short enough to even out and long enough to keep the per-run
/// state (`map_init`'s validator buffers) in use.
#[cfg(all(feature = "parallel", not(target_arch = "wasm32")))]
const ITEMS_PER_RUN: usize = 16;

/// `items.map(f)`, in parallel where there are threads; results in `items`' order. For
/// per-file work: each file may be taken by any thread.
pub fn map<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Send + Sync) -> Vec<R> {
    #[cfg(all(feature = "parallel", not(target_arch = "wasm32")))]
    if parallel() {
        use rayon::prelude::*;
        return items.into_par_iter().with_max_len(FILES_PER_RUN).map(f).collect();
    }
    items.into_iter().map(f).collect()
}

/// `map` with per-worker state made by `init` (reused buffers, say).
pub fn map_init<T: Send, S, R: Send>(
    items: Vec<T>,
    init: impl Fn() -> S + Send + Sync,
    f: impl Fn(&mut S, T) -> R + Send + Sync,
) -> Vec<R> {
    #[cfg(all(feature = "parallel", not(target_arch = "wasm32")))]
    if parallel() {
        use rayon::prelude::*;
        return items.into_par_iter().with_max_len(ITEMS_PER_RUN).map_init(init, f).collect();
    }
    let mut state = init();
    items.into_iter().map(|t| f(&mut state, t)).collect()
}

/// How many items a thread keeps before it hands half of them to others (`drain`): enough that
/// handing out is rare, few enough that an idle thread soon has work.
#[cfg(all(feature = "parallel", not(target_arch = "wasm32")))]
const KEEP_AT_MOST: usize = 32;

/// Works through `items` and all that `f` finds more of (pushing them onto the `Vec` it is
/// given), on all threads where there are threads: a thread with many items left hands half
/// to another. In no fixed order: for work whose result does not depend on it, such as marking
/// what is reachable.
pub fn drain<T: Send>(items: Vec<T>, f: impl Fn(T, &mut Vec<T>) + Send + Sync) {
    #[cfg(all(feature = "parallel", not(target_arch = "wasm32")))]
    if helpers_available() {
        let waiting = std::sync::atomic::AtomicBool::new(false);
        rayon::scope(|scope| drain_on(scope, items, &f, &waiting));
        return;
    }
    let mut items = items;
    while let Some(item) = items.pop() {
        f(item, &mut items);
    }
}

/// `drain` on one thread. `waiting`: whether a half handed out is still to be taken; another
/// is handed out only once it has been (while the other threads are busy, more would only be
/// overhead: on a small link, GC's other thread is making the output's memory ready).
#[cfg(all(feature = "parallel", not(target_arch = "wasm32")))]
fn drain_on<'s, T: Send + 's, F: Fn(T, &mut Vec<T>) + Sync>(
    scope: &rayon::Scope<'s>,
    mut items: Vec<T>,
    f: &'s F,
    waiting: &'s std::sync::atomic::AtomicBool,
) {
    use std::sync::atomic::Ordering::Relaxed;
    waiting.store(false, Relaxed);
    while let Some(item) = items.pop() {
        f(item, &mut items);
        if items.len() > KEEP_AT_MOST && !waiting.load(Relaxed) && !waiting.swap(true, Relaxed) {
            let half = items.split_off(items.len() / 2);
            scope.spawn(move |scope| drain_on(scope, half, f, waiting));
        }
    }
}

/// `f` on each `size`-byte piece of `bytes`, in parallel where there are threads; a thread that
/// is done with other work takes pieces too.
pub fn for_each_piece(bytes: &mut [u8], size: usize, f: impl Fn(&mut [u8]) + Send + Sync) {
    #[cfg(all(feature = "parallel", not(target_arch = "wasm32")))]
    if parallel() {
        use rayon::prelude::*;
        bytes.par_chunks_mut(size).with_max_len(1).for_each(f);
        return;
    }
    bytes.chunks_mut(size).for_each(f);
}

/// Runs `f` on `threads` workers (`--threads=N`), or on all cores when `None`. With one
/// thread, `f` and all the work it hands out run in order on the calling thread, as in the
/// component (and as lld's `parallelFor` does with one thread): the component's code path,
/// which the native tests can then check.
pub fn with_threads<R: Send>(threads: Option<usize>, f: impl FnOnce() -> R + Send) -> R {
    #[cfg(all(feature = "parallel", not(target_arch = "wasm32")))]
    {
        let n = threads.unwrap_or_else(rayon::current_num_threads);
        if n <= 1 {
            return serially(f);
        }
        if threads.is_some()
            && let Ok(pool) = rayon::ThreadPoolBuilder::new().num_threads(n).build()
        {
            return pool.install(f);
        }
    }
    let _ = threads;
    f()
}

/// `f` with `SERIAL` set on this thread, put back as it was when `f` returns or unwinds.
#[cfg(all(feature = "parallel", not(target_arch = "wasm32")))]
fn serially<R>(f: impl FnOnce() -> R) -> R {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            SERIAL.with(|s| s.set(self.0));
        }
    }
    let _restore = Restore(SERIAL.with(|s| s.replace(true)));
    f()
}

/// Work handed out along the way (`Spawner::spawn`) and done by the time `scope` returns: on
/// rayon's threads natively, while the caller goes on; at once, in order, in a serial link.
pub struct Spawner<'r, 's> {
    #[cfg(all(feature = "parallel", not(target_arch = "wasm32")))]
    scope: Option<&'r rayon::Scope<'s>>,
    #[cfg(not(all(feature = "parallel", not(target_arch = "wasm32"))))]
    scope: std::marker::PhantomData<(&'r (), &'s ())>,
}

impl<'s> Spawner<'_, 's> {
    pub fn spawn(&self, job: impl FnOnce() + Send + 's) {
        #[cfg(all(feature = "parallel", not(target_arch = "wasm32")))]
        if let Some(scope) = self.scope {
            scope.spawn(move |_| job());
            return;
        }
        job();
    }
}

/// Runs `f`, which may spawn work; returns once that work is done too.
pub fn scope<'s, R: Send>(f: impl for<'r> FnOnce(&Spawner<'r, 's>) -> R + Send) -> R {
    #[cfg(all(feature = "parallel", not(target_arch = "wasm32")))]
    {
        if parallel() {
            return rayon::scope(|scope| f(&Spawner { scope: Some(scope) }));
        }
        f(&Spawner { scope: None })
    }
    #[cfg(not(all(feature = "parallel", not(target_arch = "wasm32"))))]
    {
        f(&Spawner { scope: std::marker::PhantomData })
    }
}

/// `a` and `b`, at once natively (on two threads), one after the other in a serial link: `a`
/// first, which a caller may rely on (`write::run` sizes the module once that way).
pub fn join<A: Send, B: Send>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B + Send) -> (A, B) {
    #[cfg(all(feature = "parallel", not(target_arch = "wasm32")))]
    if parallel() {
        return rayon::join(a, b);
    }
    (a(), b())
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

    #[test]
    fn drain_works_through_everything_found() {
        // A binary tree of 100,000 items, each finding its two children: every item once,
        // whichever thread takes it (the tests run on a pool of all cores).
        const N: usize = 100_000;
        let seen: Vec<AtomicUsize> = (0..N).map(|_| AtomicUsize::new(0)).collect();
        super::drain(vec![1usize], |n, more| {
            seen[n].fetch_add(1, Relaxed);
            more.extend([2 * n, 2 * n + 1].into_iter().filter(|&c| c < N));
        });
        assert!(seen[1..].iter().all(|s| s.load(Relaxed) == 1));
        assert_eq!(seen[0].load(Relaxed), 0);
    }
}
