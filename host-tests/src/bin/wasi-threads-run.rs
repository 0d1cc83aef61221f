//! `wasi-threads-run [--dir HOST[::GUEST]]... [--env K=V]... prog.wasm [args...]`: runs a
//! wasi-threads (`wasm32-wasip1-threads`) command with stdio inherited; the exit status is the
//! program's (134 for a trap, 2 for a usage error, 1 when the module cannot be loaded).

use std::path::PathBuf;

use host_tests::threads::{WasiConfig, run_file};

fn usage() -> ! {
    eprintln!("usage: wasi-threads-run [--dir HOST[::GUEST]]... [--env K=V]... prog.wasm [args...]");
    std::process::exit(2);
}

fn main() {
    let mut wasi = WasiConfig::default();
    let mut args = std::env::args().skip(1);
    let program = loop {
        let Some(a) = args.next() else { usage() };
        match a.as_str() {
            "--dir" => {
                let d = args.next().unwrap_or_else(|| usage());
                let (host, guest) = match d.split_once("::") {
                    Some((h, g)) => (h.to_string(), g.to_string()),
                    None => (d.clone(), d.clone()),
                };
                wasi.preopens.push((PathBuf::from(host), guest));
            }
            "--env" => {
                let kv = args.next().unwrap_or_else(|| usage());
                let Some((k, v)) = kv.split_once('=') else { usage() };
                wasi.env.push((k.to_string(), v.to_string()));
            }
            "--" => break args.next().unwrap_or_else(|| usage()),
            "-h" | "--help" => usage(),
            _ if a.starts_with("--") => usage(),
            _ => break a,
        }
    };
    let path = PathBuf::from(&program);
    wasi.args.push(path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or(program));
    wasi.args.extend(args);
    wasi.inherit_stdin = true;
    match run_file(&path, wasi) {
        Ok(status) => std::process::exit(status),
        Err(e) => {
            eprintln!("wasi-threads-run: {e:?}");
            std::process::exit(1);
        }
    }
}
