//! `client <object> <output>`: links one object with the imported
//! `wasmlink:linker/link` (`--no-entry --export-all`) and writes the module.

wit_bindgen::generate!({ path: "../../wit", world: "client" });

use wasmlink::linker::link::link_args;
use wasmlink::linker::types::InputFile;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (input, output) = match &args[..] {
        [_, i, o] => (i.clone(), o.clone()),
        _ => {
            eprintln!("usage: client <object> <output>");
            std::process::exit(2);
        }
    };
    let bytes = std::fs::read(&input).unwrap_or_else(|e| {
        eprintln!("client: cannot read {input}: {e}");
        std::process::exit(1)
    });
    let flags = ["--no-entry", "--export-all", &input].map(String::from).to_vec();
    match link_args(&flags, &[InputFile { name: input.clone(), bytes }]) {
        Ok(out) => {
            std::fs::write(&output, &out.module).expect("write output");
            println!("client: linked {} bytes", out.module.len());
        }
        Err(diags) => {
            for d in diags {
                eprintln!("client: {}", d.message);
            }
            std::process::exit(1);
        }
    }
}
