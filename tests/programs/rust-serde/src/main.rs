//! serde and serde_json on WASI: derive, nested collections, enums, borrowed strings, errors,
//! floats, a document read from stdin, and the exit code. Every line it prints is deterministic.
//!
//! Usage: rust-serde [--exit N] [--bad]    (a JSON document may come on stdin)

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Read;

#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
struct Package<'a> {
    name: &'a str,
    version: Version,
    #[serde(default)]
    dependencies: BTreeMap<String, Requirement>,
    kind: Kind,
    weights: Vec<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    homepage: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Clone, Copy)]
struct Version(u32, u32, u32);

#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(untagged)]
enum Requirement {
    Exact(String),
    Detailed { version: String, optional: bool },
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(tag = "type", content = "data")]
enum Kind {
    Library { crate_types: Vec<String> },
    Binary(String),
    Test,
}

fn sample() -> Package<'static> {
    let mut dependencies = BTreeMap::new();
    dependencies.insert("serde".to_string(), Requirement::Exact("1.0".into()));
    dependencies.insert(
        "wasmparser".to_string(),
        Requirement::Detailed { version: "0.263".into(), optional: true },
    );
    Package {
        name: "wasmlink",
        version: Version(0, 1, 0),
        dependencies,
        kind: Kind::Library { crate_types: vec!["rlib".into(), "cdylib".into()] },
        weights: vec![0.5, -1.25, 1e-7, 3.141592653589793, f64::MAX],
        homepage: None,
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let exit: i32 = args
        .iter()
        .position(|a| a == "--exit")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);

    let p = sample();
    let compact = serde_json::to_string(&p).expect("serialize");
    println!("compact: {compact}");
    let pretty = serde_json::to_string_pretty(&p).expect("serialize");
    println!("pretty lines: {}", pretty.lines().count());
    let back: Package = serde_json::from_str(&compact).expect("deserialize");
    println!("round trip equal: {}", back == p);

    let value: serde_json::Value = serde_json::from_str(&compact).expect("value");
    let deps = value["dependencies"].as_object().map_or(0, |m| m.len());
    println!("dependencies: {deps}, first weight: {}", value["weights"][0]);

    for bad in ["{\"name\": 3}", "[1, 2", "{\"version\": [1, 2]}"] {
        match serde_json::from_str::<Package>(bad) {
            Ok(_) => println!("unexpectedly parsed {bad}"),
            Err(e) => println!("error at line {} column {}: {e}", e.line(), e.column()),
        }
    }

    let mut input = String::new();
    let _ = std::io::stdin().read_to_string(&mut input);
    if !input.trim().is_empty() {
        match serde_json::from_str::<serde_json::Value>(&input) {
            Ok(v) => println!("stdin: {} top-level entries", v.as_object().map_or(0, |m| m.len())),
            Err(e) => println!("stdin: {e}"),
        }
    }

    if args.iter().any(|a| a == "--bad") {
        let v: Vec<u8> = serde_json::from_str("[1, 2, 300]").expect("a deliberate failure");
        println!("{v:?}");
    }
    std::process::exit(exit);
}
