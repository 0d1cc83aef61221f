//! A small std program with deterministic output: collections, formatting, trait objects,
//! closures, string handling, env args, and an exit status taken from the arguments.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt::Write as _;

trait Shape {
    fn area(&self) -> f64;
    fn name(&self) -> String;
}

struct Circle(f64);
struct Rect(f64, f64);

impl Shape for Circle {
    fn area(&self) -> f64 {
        std::f64::consts::PI * self.0 * self.0
    }
    fn name(&self) -> String {
        format!("circle(r={})", self.0)
    }
}

impl Shape for Rect {
    fn area(&self) -> f64 {
        self.0 * self.1
    }
    fn name(&self) -> String {
        format!("rect({}x{})", self.0, self.1)
    }
}

fn word_counts(text: &str) -> BTreeMap<String, usize> {
    let mut m: HashMap<String, usize> = HashMap::new();
    for w in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        *m.entry(w.to_lowercase()).or_default() += 1;
    }
    m.into_iter().collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    println!("args: {:?}", args);

    let shapes: Vec<Box<dyn Shape>> = vec![Box::new(Circle(1.5)), Box::new(Rect(2.0, 3.25)), Box::new(Circle(0.5))];
    let mut total = 0.0;
    for s in &shapes {
        println!("{:<14} area {:>9.4}", s.name(), s.area());
        total += s.area();
    }
    println!("total area {total:.6}");

    let counts = word_counts("The quick brown fox jumps over the lazy dog; the dog sleeps. THE END");
    let mut line = String::new();
    for (w, n) in &counts {
        write!(line, "{w}={n} ").unwrap();
    }
    println!("words: {}", line.trim_end());

    let mut q: VecDeque<u64> = (1..=10).collect();
    let mut fib = vec![0u64, 1];
    while let Some(x) = q.pop_front() {
        if x % 3 == 0 {
            q.push_back(x / 3);
        }
        let n = fib.len();
        fib.push(fib[n - 1] + fib[n - 2]);
    }
    println!("fib[{}] = {}", fib.len() - 1, fib.last().unwrap());

    let mut v: Vec<i32> = (0..200).map(|i| (i * 7919) % 211 - 105).collect();
    v.sort_unstable_by(|a, b| b.abs().cmp(&a.abs()).then(a.cmp(b)));
    println!("sorted head {:?} tail {:?}", &v[..5], &v[v.len() - 3..]);

    let status = args.iter().position(|a| a == "--exit").and_then(|i| args.get(i + 1)).map(|s| s.parse().unwrap()).unwrap_or(0);
    println!("exiting with {status}");
    std::process::exit(status);
}
