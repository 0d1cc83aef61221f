//! A library as a web page would load it: plain exports over the std allocator, collections,
//! formatting, a static buffer the host reads, a function table (trait objects), a panic and a
//! custom section of its own.

use std::collections::BTreeMap;
use std::fmt::Write;

static mut OUT: [u8; 256] = [0; 256];

#[unsafe(no_mangle)]
pub extern "C" fn add(a: i32, b: i32) -> i32 {
    a.wrapping_add(b)
}

/// Fills a map, formats it into a string, keeps the start of it in `OUT` and returns a hash of
/// the whole text.
#[unsafe(no_mangle)]
pub extern "C" fn work(n: i32) -> i64 {
    let mut m = BTreeMap::new();
    for i in 0..n {
        m.insert((i * 7919) % 1000, format!("v{i}"));
    }
    let mut s = String::new();
    for (k, v) in &m {
        write!(s, "{k}={v};").unwrap();
    }
    let bytes = s.as_bytes();
    // SAFETY: one thread; the host reads the buffer only between calls.
    unsafe {
        let out = &mut *std::ptr::addr_of_mut!(OUT);
        let len = bytes.len().min(out.len());
        out[..len].copy_from_slice(&bytes[..len]);
    }
    bytes.iter().fold(0i64, |h, &b| h.wrapping_mul(31).wrapping_add(b as i64))
}

/// Where the host finds the text `work` left.
#[unsafe(no_mangle)]
pub extern "C" fn out_ptr() -> *const u8 {
    std::ptr::addr_of!(OUT).cast()
}

trait Shape {
    fn area(&self) -> f64;
}
struct Square(f64);
struct Circle(f64);
impl Shape for Square {
    fn area(&self) -> f64 {
        self.0 * self.0
    }
}
impl Shape for Circle {
    fn area(&self) -> f64 {
        std::f64::consts::PI * self.0 * self.0
    }
}

/// The summed areas of `n` shapes, called through a vtable (the function table).
#[unsafe(no_mangle)]
pub extern "C" fn areas(n: i32) -> f64 {
    let shapes: Vec<Box<dyn Shape>> =
        (0..n).map(|i| if i % 2 == 0 { Box::new(Square(i as f64)) as Box<dyn Shape> } else { Box::new(Circle(i as f64)) }).collect();
    shapes.iter().map(|s| s.area()).sum()
}

/// Panics when `n` is negative (panic=abort: an `unreachable` trap).
#[unsafe(no_mangle)]
pub extern "C" fn checked(n: i32) -> i32 {
    let v: Vec<i32> = (0..10).collect();
    v[usize::try_from(n).expect("a negative index")]
}

/// A custom section from the source, as wasm-bindgen describes its exports to its CLI: it must
/// reach the module as rust-lld writes it.
#[used]
#[unsafe(link_section = "rust-cdylib-descriptor")]
static DESCRIPTOR: [u8; 12] = *b"add,work,etc";
