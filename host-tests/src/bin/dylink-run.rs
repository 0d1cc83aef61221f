//! `dylink-run main.wasm [options] [-- args...]`: runs a dynamically linked program (a `-pie`
//! main module and its `-shared` libraries) in the loader of `host_tests::dylink`, with WASI
//! preview 1 and stdio inherited. The exit status is the program's (134 for a trap, 1 when it
//! cannot be loaded, 2 for a usage error).
//!
//! Options (anywhere before `--`):
//!   --lib-dir DIR          search DIR for libraries (after each module's RUNTIME_PATH); repeatable
//!   --dir HOST[::GUEST]    preopen a directory for WASI; repeatable
//!   --env K=V              set an environment variable; repeatable
//!   --cache-dir DIR        keep compiled modules in DIR (default: $DYLINK_CACHE_DIR, else
//!                          $XDG_CACHE_HOME/dylink-run, else ~/.cache/dylink-run)
//!   --no-cache             compile everything, keep nothing
//!   --stack-size BYTES     each thread's stack (default 1 MiB)
//!   --stats                print "dylink-run: compiled N, from disk cache N, from memory N" on
//!                          stderr at the end
//! Arguments after `--`, and any positional argument after main.wasm, go to the program.

use std::path::PathBuf;

use host_tests::dylink::{LoaderConfig, Program, Runtime, error_status};

const USAGE: &str = "usage: dylink-run main.wasm [--lib-dir DIR]... [--dir HOST[::GUEST]]... [--env K=V]... \
[--cache-dir DIR | --no-cache] [--stack-size BYTES] [--stats] [-- args...]";

fn usage() -> ! {
    eprintln!("{USAGE}");
    std::process::exit(2);
}

fn default_cache_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("DYLINK_CACHE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    if let Some(d) = std::env::var_os("XDG_CACHE_HOME").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d).join("dylink-run"));
    }
    std::env::var_os("HOME").filter(|d| !d.is_empty()).map(|h| PathBuf::from(h).join(".cache/dylink-run"))
}

fn main() {
    let mut config = LoaderConfig::default();
    let mut cache = default_cache_dir();
    let mut stats = false;
    let mut main: Option<String> = None;
    let mut program_args: Vec<String> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        match a.as_str() {
            "--" => {
                program_args.extend(args.by_ref());
                break;
            }
            "--lib-dir" => config.lib_dirs.push(PathBuf::from(value())),
            "--dir" => {
                let d = value();
                let (host, guest) = match d.split_once("::") {
                    Some((h, g)) => (h.to_string(), g.to_string()),
                    None => (d.clone(), d.clone()),
                };
                config.wasi.preopens.push((PathBuf::from(host), guest));
            }
            "--env" => {
                let kv = value();
                let Some((k, v)) = kv.split_once('=') else { usage() };
                config.wasi.env.push((k.to_string(), v.to_string()));
            }
            "--cache-dir" => cache = Some(PathBuf::from(value())),
            "--no-cache" => cache = None,
            "--stack-size" => config.stack_size = value().parse().unwrap_or_else(|_| usage()),
            "--stats" => stats = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return;
            }
            _ if a.starts_with('-') && a.len() > 1 => {
                eprintln!("dylink-run: unknown option {a}");
                usage()
            }
            _ if main.is_none() => main = Some(a),
            _ => program_args.push(a),
        }
    }
    let Some(main) = main else { usage() };
    let path = PathBuf::from(&main);
    config.wasi.args.push(path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or(main));
    config.wasi.args.extend(program_args);
    config.wasi.inherit_stdin = true;
    let rt = match Runtime::new(cache) {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("dylink-run: error: {e:#}");
            std::process::exit(1);
        }
    };
    let report = |rt: &Runtime| {
        if stats {
            let s = rt.stats();
            eprintln!(
                "dylink-run: compiled {}, from disk cache {}, from memory {}",
                s.compiled, s.from_disk, s.from_memory
            );
        }
    };
    let status = match Program::load(&rt, &path, config) {
        Ok(mut program) => match program.run_start() {
            Ok(s) => s,
            Err(e) => {
                eprintln!("dylink-run: error: {e:#}");
                1
            }
        },
        // A constructor may exit or trap: that is the program's status.
        Err(e) => match error_status(&e) {
            1 => {
                eprintln!("dylink-run: error: {e:#}");
                1
            }
            s => s,
        },
    };
    report(&rt);
    std::process::exit(status);
}
