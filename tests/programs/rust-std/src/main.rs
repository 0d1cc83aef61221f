//! Rust std on wasm32-wasip1: collections, formatting, trait objects, file I/O through WASI,
//! command-line arguments, environment variables, panics and the process exit code.
//!
//! Usage: rust-std <data-dir> [words...] [--exit N] [--panic]
//!
//! wasm32-wasip1 is a panic=abort target, so `catch_unwind` cannot catch a panic there: the
//! normal run exercises `catch_unwind` on a closure that returns, and the `--panic` run
//! installs a panic hook that prints to stdout and then panics inside `catch_unwind`, which
//! aborts the process (a wasm `unreachable` trap: status 134 under wasmtime).

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, HashSet, VecDeque};
use std::fmt;
use std::fs;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::Path;
use std::rc::Rc;

#[derive(Debug, Clone, PartialEq)]
enum Value {
    Int(i64),
    Float(f64),
    Text(String),
    List(Vec<Value>),
}

#[derive(Debug)]
struct Record {
    id: u32,
    name: &'static str,
    tags: Vec<&'static str>,
    value: Option<Value>,
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{x:.3}"),
            Value::Text(s) => write!(f, "{s:?}"),
            Value::List(items) => {
                write!(f, "[")?;
                for (i, it) in items.iter().enumerate() {
                    if i > 0 {
                        write!(f, ", ")?;
                    }
                    write!(f, "{it}")?;
                }
                write!(f, "]")
            }
        }
    }
}

trait Animal {
    fn name(&self) -> String;
    fn sound(&self) -> &'static str;
    fn speak(&self) -> String {
        format!("{} says {}", self.name(), self.sound())
    }
}
struct Dog(u8);
struct Cat {
    lives: u8,
}
impl Animal for Dog {
    fn name(&self) -> String {
        format!("dog#{}", self.0)
    }
    fn sound(&self) -> &'static str {
        "woof"
    }
}
impl Animal for Cat {
    fn name(&self) -> String {
        format!("cat with {} lives", self.lives)
    }
    fn sound(&self) -> &'static str {
        "meow"
    }
    fn speak(&self) -> String {
        format!("{} purrs", self.name())
    }
}

fn collections() {
    let text = "it was the best of times it was the worst of times it was the age of wisdom";
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for w in text.split_whitespace() {
        *counts.entry(w).or_default() += 1;
    }
    // HashMap iteration order is randomized per process: sort before printing.
    let mut sorted: Vec<_> = counts.iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    println!("top words: {:?}", &sorted[..4]);

    let tree: BTreeMap<usize, Vec<&str>> = counts.iter().fold(BTreeMap::new(), |mut m, (w, c)| {
        m.entry(*c).or_insert_with(Vec::new).push(*w);
        m
    });
    for (c, ws) in &tree {
        let mut ws = ws.clone();
        ws.sort_unstable();
        println!("count {c}: {}", ws.join(" "));
    }

    let set: BTreeSet<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    println!("letters: {}", set.iter().collect::<String>());
    let hs: HashSet<u32> = (1..=100).filter(|n| n % 7 == 0).collect();
    println!(
        "hashset len={} contains49={} sum={}",
        hs.len(),
        hs.contains(&49),
        hs.iter().sum::<u32>()
    );

    let mut heap: BinaryHeap<(u32, &str)> = BinaryHeap::new();
    for (p, job) in [(3, "c"), (9, "urgent"), (1, "later"), (5, "mid")] {
        heap.push((p, job));
    }
    let order: Vec<_> = std::iter::from_fn(|| heap.pop()).map(|(_, j)| j).collect();
    println!("heap order: {order:?}");

    let mut dq: VecDeque<i32> = (1..=5).collect();
    dq.rotate_left(2);
    dq.push_front(0);
    dq.push_back(99);
    println!("deque: {dq:?}");

    let mut v: Vec<u64> = (0..1000u64).map(|i| (i * 7919) % 1009).collect();
    v.sort_unstable();
    v.dedup();
    let primes: Vec<u64> = (2..60u64)
        .filter(|n| (2..*n).take_while(|d| d * d <= *n).all(|d| n % d != 0))
        .collect();
    println!(
        "dedup len={} first={:?} primes={primes:?}",
        v.len(),
        &v[..5]
    );

    let shared = Rc::new(RefCell::new(Vec::<String>::new()));
    let other = Rc::clone(&shared);
    other.borrow_mut().push("through rc".to_string());
    shared
        .borrow_mut()
        .push(format!("refcount={}", Rc::strong_count(&shared)));
    println!("rc/refcell: {:?}", shared.borrow());
}

fn formatting() {
    let pi = std::f64::consts::PI;
    println!(
        "[{:>10}] [{:<10}] [{:^10}] [{:*^9}]",
        "right", "left", "mid", "x"
    );
    println!(
        "[{:08.3}] [{:+}] [{:e}] [{:.0}] [{}] [{}]",
        pi,
        42,
        1234.5e10,
        2.5f64,
        0.1 + 0.2,
        1e21
    );
    println!(
        "[{:#x}] [{:#b}] [{:o}] [{:#010X}] [{}]",
        255,
        5,
        64,
        0xBEEFu32,
        i128::MAX
    );
    println!(
        "[{}] [{}] [{:?}] [{:?}]",
        f32::MAX,
        f64::MIN_POSITIVE,
        f64::NAN,
        -0.0f64
    );
    let unicode = String::from("unicode: héllo wörld ✓");
    println!("[{:?}] [{:?}] [{}]", "quote\"tab\t", 'λ', unicode);
    println!(
        "upper: {} lower: {}",
        "straße ǅ".to_uppercase(),
        "ÀÉÎ".to_lowercase()
    );
    let records = vec![
        Record {
            id: 1,
            name: "alpha",
            tags: vec!["a", "b"],
            value: Some(Value::Int(-7)),
        },
        Record {
            id: 2,
            name: "beta",
            tags: vec![],
            value: Some(Value::List(vec![
                Value::Float(1.5),
                Value::Text("x y".into()),
                Value::Int(3),
            ])),
        },
        Record {
            id: 3,
            name: "gamma",
            tags: vec!["c"],
            value: None,
        },
    ];
    println!("{:?}", records[0]);
    println!("{:#?}", records[1]);
    for r in &records {
        match &r.value {
            Some(v) => println!(
                "record {:03} {:<6} tags={} value={v}",
                r.id,
                r.name,
                r.tags.len()
            ),
            None => println!(
                "record {:03} {:<6} tags={} value=<none>",
                r.id,
                r.name,
                r.tags.len()
            ),
        }
    }
    let animals: Vec<Box<dyn Animal>> = vec![
        Box::new(Dog(1)),
        Box::new(Cat { lives: 9 }),
        Box::new(Dog(2)),
    ];
    for a in &animals {
        println!("{}", a.speak());
    }
    let parsed: Result<Vec<i32>, _> = "1,2,x,4".split(',').map(str::parse::<i32>).collect();
    println!("parse error: {:?}", parsed.map_err(|e| e.to_string()));
    let n: u128 = (1..=30u128).product();
    println!(
        "30! = {n}, checked_mul overflow: {:?}",
        u64::MAX.checked_mul(2)
    );
}

fn file_io(dir: &Path) -> io::Result<()> {
    let input = dir.join("input.txt");
    let f = fs::File::open(&input)?;
    let mut numbers = 0i64;
    for (i, line) in BufReader::new(f).lines().enumerate() {
        let line = line?;
        let nums: i64 = line
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|t| t.parse::<i64>().ok())
            .sum();
        numbers += nums;
        println!("input {i}: {line:?} (len {})", line.len());
    }
    println!("sum of numbers in input: {numbers}");

    let out = dir.join("rust-output.txt");
    {
        let mut w = io::BufWriter::new(fs::File::create(&out)?);
        for i in 0..100 {
            writeln!(w, "row {i:03} {}", i * i)?;
        }
        w.flush()?;
    }
    let mut contents = String::new();
    fs::File::open(&out)?.read_to_string(&mut contents)?;
    let meta = fs::metadata(&out)?;
    println!(
        "wrote {} bytes, {} lines, last: {:?}",
        meta.len(),
        contents.lines().count(),
        contents.lines().last()
    );
    fs::create_dir_all(dir.join("sub/inner"))?;
    fs::write(dir.join("sub/inner/note.txt"), b"nested")?;
    fs::rename(
        dir.join("sub/inner/note.txt"),
        dir.join("sub/note-moved.txt"),
    )?;
    let mut names: Vec<String> = fs::read_dir(dir)?
        .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<Result<_, _>>()?;
    names.sort();
    println!("dir entries: {names:?}");
    println!(
        "moved: {:?}",
        fs::read_to_string(dir.join("sub/note-moved.txt"))?
    );
    fs::remove_file(&out)?;
    match fs::File::open(dir.join("does-not-exist")) {
        Ok(_) => println!("unexpectedly opened a missing file"),
        Err(e) => println!("missing file error kind: {:?}", e.kind()),
    }
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    println!("argv[0]={:?} argc={}", args[0], args.len());
    let dir = args.get(1).cloned().unwrap_or_else(|| "/data".to_string());
    let mut exit_code = 0;
    let mut do_panic = false;
    let mut words = Vec::new();
    let mut it = args.iter().skip(2);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--exit" => exit_code = it.next().and_then(|s| s.parse().ok()).unwrap_or(1),
            "--panic" => do_panic = true,
            w => words.push(w.to_string()),
        }
    }
    println!("words: {words:?}");
    println!(
        "env DIFFTEST_GREETING={:?}",
        std::env::var("DIFFTEST_GREETING").ok()
    );
    let mut env_keys: Vec<String> = std::env::vars().map(|(k, _)| k).collect();
    env_keys.sort();
    println!("env keys: {env_keys:?}");

    if do_panic {
        std::panic::set_hook(Box::new(|info| {
            let msg = info
                .payload()
                .downcast_ref::<&str>()
                .copied()
                .unwrap_or("<non-str payload>");
            println!("panic hook: {msg}");
            let _ = io::stdout().flush();
        }));
        let r = std::panic::catch_unwind(|| {
            println!("about to panic");
            panic!("deliberate panic");
        });
        println!("not reached on panic=abort targets: {:?}", r.is_err());
        return;
    }

    collections();
    formatting();
    let r = std::panic::catch_unwind(|| words.iter().map(|w| w.len()).sum::<usize>());
    println!("catch_unwind without panic: {r:?}");
    match file_io(Path::new(&dir)) {
        Ok(()) => println!("file io ok"),
        Err(e) => {
            println!("file io failed: {e}");
            exit_code = 70;
        }
    }
    match std::thread::Builder::new().spawn(|| 1) {
        Ok(h) => println!("thread spawned: {:?}", h.join().ok()),
        Err(e) => println!("threads unsupported: {:?}", e.kind()),
    }
    let _ = io::stdout().flush();
    std::process::exit(exit_code);
}
