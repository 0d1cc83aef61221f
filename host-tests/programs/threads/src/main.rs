//! Exercises std's threading on wasm32-wasip1-threads; every line it prints is deterministic.
//!
//! Without arguments it runs everything and exits 0. `exit-in-thread N` calls
//! `std::process::exit(N)` from a spawned thread while main waits forever; `panic-in-thread`
//! panics in a spawned thread (panic=abort on this target: a trap); `exit N` exits from main.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Barrier, Condvar, Mutex, RwLock};
use std::thread;

const THREADS: usize = 8;

thread_local! {
    // const-initialized: lives in .tdata/.tbss, no lazy init.
    static CONST_COUNTER: Cell<u64> = const { Cell::new(7) };
    // lazily initialized, with a destructor-bearing type.
    static LAZY_LOG: RefCell<Vec<String>> = RefCell::new(vec![String::from("init")]);
}

static GLOBAL_HITS: AtomicUsize = AtomicUsize::new(0);
static DATA_TABLE: [u32; 8] = [3, 1, 4, 1, 5, 9, 2, 6];
static mut BSS_SCRATCH: [u64; 64] = [0; 64];

fn spawn_join() {
    let handles: Vec<_> = (0..THREADS)
        .map(|i| {
            thread::Builder::new()
                .name(format!("worker-{i}"))
                .spawn(move || {
                    let sum: u64 = (0..=(1000 * (i as u64 + 1))).sum();
                    let name = thread::current().name().unwrap().to_string();
                    (i, name, sum + DATA_TABLE[i] as u64)
                })
                .unwrap()
        })
        .collect();
    for h in handles {
        let (i, name, v) = h.join().unwrap();
        println!("join {i}: {name} -> {v}");
    }
}

fn mutex_counter() {
    let counter = Arc::new(Mutex::new(0u64));
    let hs: Vec<_> = (0..THREADS)
        .map(|i| {
            let c = Arc::clone(&counter);
            thread::spawn(move || {
                for k in 0..2000u64 {
                    *c.lock().unwrap() += k % (i as u64 + 2);
                }
            })
        })
        .collect();
    hs.into_iter().for_each(|h| h.join().unwrap());
    let expect: u64 = (0..THREADS).map(|i| (0..2000u64).map(|k| k % (i as u64 + 2)).sum::<u64>()).sum();
    let got = *counter.lock().unwrap();
    println!("mutex: {got} (expected {expect}) {}", if got == expect { "ok" } else { "MISMATCH" });
}

fn condvar_pingpong() {
    // Two threads take turns through a Condvar, 100 rounds.
    let state = Arc::new((Mutex::new((0u32, Vec::new())), Condvar::new()));
    let hs: Vec<_> = (0..2u32)
        .map(|me| {
            let st = Arc::clone(&state);
            thread::spawn(move || {
                let (lock, cv) = &*st;
                for _ in 0..100 {
                    let mut g = lock.lock().unwrap();
                    while g.0 % 2 != me {
                        g = cv.wait(g).unwrap();
                    }
                    g.0 += 1;
                    let turn = g.0;
                    g.1.push((me, turn));
                    cv.notify_all();
                }
            })
        })
        .collect();
    hs.into_iter().for_each(|h| h.join().unwrap());
    let g = state.0.lock().unwrap();
    let alternating = g.1.iter().enumerate().all(|(k, &(who, turn))| who == (k as u32) % 2 && turn == k as u32 + 1);
    println!("condvar: {} turns, alternating={alternating}", g.0);
}

fn channels() {
    let (tx, rx) = mpsc::channel::<(usize, u64)>();
    for i in 0..THREADS {
        let tx = tx.clone();
        thread::spawn(move || {
            for k in 0..50u64 {
                tx.send((i, k * k)).unwrap();
            }
        });
    }
    drop(tx);
    let mut per: BTreeMap<usize, (usize, u64)> = BTreeMap::new();
    for (i, v) in rx {
        let e = per.entry(i).or_default();
        e.0 += 1;
        e.1 += v;
    }
    let line: Vec<String> = per.iter().map(|(i, (n, s))| format!("{i}:{n}/{s}")).collect();
    println!("mpsc: {}", line.join(" "));

    // A rendezvous channel (capacity 0) between two threads.
    let (stx, srx) = mpsc::sync_channel::<String>(0);
    let h = thread::spawn(move || {
        for w in ["alpha", "beta", "gamma"] {
            stx.send(w.to_uppercase()).unwrap();
        }
    });
    let got: Vec<String> = srx.iter().collect();
    h.join().unwrap();
    println!("sync_channel: {}", got.join(","));
}

fn atomics() {
    let total = Arc::new(AtomicU64::new(0));
    let max_seen = Arc::new(AtomicU64::new(0));
    let barrier = Arc::new(Barrier::new(THREADS));
    let hs: Vec<_> = (0..THREADS)
        .map(|i| {
            let (t, m, b) = (Arc::clone(&total), Arc::clone(&max_seen), Arc::clone(&barrier));
            thread::spawn(move || {
                b.wait();
                for k in 0..10_000u64 {
                    t.fetch_add(1, Ordering::Relaxed);
                    m.fetch_max(k * (i as u64 + 1), Ordering::AcqRel);
                }
                GLOBAL_HITS.fetch_add(1, Ordering::SeqCst);
            })
        })
        .collect();
    hs.into_iter().for_each(|h| h.join().unwrap());
    let flag = AtomicBool::new(false);
    let swapped = flag.compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire).is_ok();
    println!(
        "atomics: total={} max={} hits={} cas={swapped}",
        total.load(Ordering::SeqCst),
        max_seen.load(Ordering::SeqCst),
        GLOBAL_HITS.load(Ordering::SeqCst)
    );
}

fn thread_locals() {
    CONST_COUNTER.with(|c| c.set(c.get() + 100));
    LAZY_LOG.with(|l| l.borrow_mut().push("main".into()));
    let hs: Vec<_> = (0..THREADS)
        .map(|i| {
            thread::spawn(move || {
                // Every thread starts from the initial values, not main's.
                let start = CONST_COUNTER.with(|c| c.get());
                for _ in 0..=i {
                    CONST_COUNTER.with(|c| c.set(c.get() + 1));
                }
                LAZY_LOG.with(|l| l.borrow_mut().push(format!("t{i}")));
                let log = LAZY_LOG.with(|l| l.borrow().join("+"));
                (start, CONST_COUNTER.with(|c| c.get()), log)
            })
        })
        .collect();
    for (i, h) in hs.into_iter().enumerate() {
        let (start, end, log) = h.join().unwrap();
        println!("tls {i}: const {start}->{end} lazy {log}");
    }
    println!(
        "tls main: const {} lazy {}",
        CONST_COUNTER.with(|c| c.get()),
        LAZY_LOG.with(|l| l.borrow().join("+"))
    );
}

fn scoped_and_rwlock() {
    let data: Vec<u64> = (1..=800).collect();
    let table = RwLock::new(BTreeMap::new());
    thread::scope(|s| {
        for (i, chunk) in data.chunks(100).enumerate() {
            let table = &table;
            s.spawn(move || {
                let sum: u64 = chunk.iter().sum();
                table.write().unwrap().insert(i, sum);
                let _ = table.read().unwrap().len();
            });
        }
    });
    let t = table.read().unwrap();
    let total: u64 = t.values().sum();
    println!("scope: {} chunks, total {total}", t.len());
}

fn bss_and_data() {
    // Threads write disjoint parts of a .bss array, then main reads it.
    thread::scope(|s| {
        for i in 0..THREADS {
            s.spawn(move || {
                for k in 0..8 {
                    // SAFETY: each thread writes its own disjoint 8 elements.
                    unsafe { (*(&raw mut BSS_SCRATCH))[i * 8 + k] = (i * 10 + k) as u64 };
                }
            });
        }
    });
    // SAFETY: all writers have been joined by the scope.
    let sum: u64 = unsafe { (*(&raw const BSS_SCRATCH)).iter().sum() };
    println!("bss: sum {sum}, data {:?}", DATA_TABLE);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["exit-in-thread", n] => {
            let n: i32 = n.parse().unwrap();
            println!("exiting from a thread with {n}");
            thread::spawn(move || std::process::exit(n));
            loop {
                thread::park();
            }
        }
        ["panic-in-thread"] => {
            println!("panicking in a thread");
            let h = thread::spawn(|| panic!("deliberate panic in a thread"));
            let _ = h.join();
            println!("unreachable: the panic aborts");
        }
        ["exit", n] => {
            println!("exiting from main");
            std::process::exit(n.parse().unwrap());
        }
        [] => {
            spawn_join();
            mutex_counter();
            condvar_pingpong();
            channels();
            atomics();
            thread_locals();
            scoped_and_rwlock();
            bss_and_data();
            println!("all threads done");
        }
        other => {
            eprintln!("unknown arguments {other:?}");
            std::process::exit(2);
        }
    }
}
