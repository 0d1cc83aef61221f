//! Many threads, one memory: N host threads instantiate the same module
//! (linked by wasmlink with --shared-memory) at the same moment against one
//! shared memory, over and over. Every instance must see initialized .data,
//! zeroed .bss and its own TLS block; `__wasm_init_memory` must have run
//! exactly once (a second run would reset .data and lose counts) and left its
//! flag at 2; the atomic counter must add up exactly.

use std::process::Command;
use std::sync::{Arc, Barrier};
use std::time::Duration;

use wasmlink_test_support::{run, work_dir};
use wasmtime::{Config, Engine, Linker, MemoryType, Module, SharedMemory, Store};

const THREADS: u32 = 8;
const ROUNDS: u32 = 25;
const ITERS: i32 = 2000;

/// stress.c compiled by clang-19 and linked in-process by wasmlink.
fn linked_module() -> Vec<u8> {
    let dir = work_dir("host-tests/stress");
    let src = wasmlink_test_support::repo_root().join("host-tests/programs/stress/stress.c");
    let obj = dir.join("stress.o");
    let mut clang = Command::new("clang-19");
    clang.args(["--target=wasm32", "-matomics", "-mbulk-memory", "-O2", "-nostdlib", "-c"]).arg(&src).arg("-o").arg(&obj);
    run(&mut clang, Duration::from_secs(300)).assert_success("clang-19");
    let name = obj.display().to_string();
    let args: Vec<String> = [
        "--no-entry", "--shared-memory", "--import-memory", "--max-memory=1048576", "-z", "stack-size=4096",
        "--export=setup", "--export=check", "--export=work", "--export=counter", "--export=tls_address",
        "--export=load_at", "--export=__data_end", &name,
    ]
    .map(String::from)
    .to_vec();
    let files = [wasmlink::InputFile { name: name.clone(), bytes: std::fs::read(&obj).unwrap() }];
    let out = wasmlink::link_args(&args, &files).unwrap_or_else(|d| panic!("{d:?}"));
    // Kept for inspection (and for scripts/output-digests.sh).
    std::fs::write(dir.join("stress.wasm"), &out.module).unwrap();
    out.module
}

struct Seen {
    check: i32,
    tls_after: i32,
    tls_address: i32,
}

#[test]
fn threads_instantiating_at_once_initialize_memory_exactly_once() {
    let wasm = linked_module();
    let mut config = Config::new();
    config.wasm_threads(true).shared_memory(true);
    let engine = Engine::new(&config).unwrap();
    let module = Module::new(&engine, &wasm).unwrap();
    for round in 0..ROUNDS {
        let memory = SharedMemory::new(&engine, MemoryType::shared(1, 16)).unwrap();
        let start = Arc::new(Barrier::new(THREADS as usize));
        let handles: Vec<_> = (0..THREADS)
            .map(|i| {
                let (engine, module, memory, start) = (engine.clone(), module.clone(), memory.clone(), start.clone());
                std::thread::spawn(move || -> (Seen, i32, i32) {
                    let mut store = Store::new(&engine, ());
                    let mut linker = Linker::new(&engine);
                    linker.define(&store, "env", "memory", memory).unwrap();
                    start.wait();
                    // Instantiation runs the start function, __wasm_init_memory.
                    let inst = linker.instantiate(&mut store, &module).unwrap();
                    let setup = inst.get_typed_func::<i32, ()>(&mut store, "setup").unwrap();
                    let check = inst.get_typed_func::<(), i32>(&mut store, "check").unwrap();
                    let tls_address = inst.get_typed_func::<(), i32>(&mut store, "tls_address").unwrap();
                    let work = inst.get_typed_func::<i32, i32>(&mut store, "work").unwrap();
                    let load_at = inst.get_typed_func::<i32, i32>(&mut store, "load_at").unwrap();
                    let data_end = inst.get_global(&mut store, "__data_end").unwrap().get(&mut store).i32().unwrap();
                    setup.call(&mut store, i as i32).unwrap();
                    let check = check.call(&mut store, ()).unwrap();
                    let tls_after = work.call(&mut store, ITERS).unwrap();
                    let tls_address = tls_address.call(&mut store, ()).unwrap();
                    let flag = load_at.call(&mut store, data_end - 4).unwrap();
                    (Seen { check, tls_after, tls_address }, flag, data_end)
                })
            })
            .collect();
        let seen: Vec<(Seen, i32, i32)> = handles.into_iter().map(|h| h.join().expect("thread")).collect();
        let mut addresses: Vec<i32> = seen.iter().map(|s| s.0.tls_address).collect();
        addresses.sort();
        addresses.dedup();
        assert_eq!(addresses.len(), THREADS as usize, "round {round}: TLS blocks shared between threads");
        for (i, (s, flag, _)) in seen.iter().enumerate() {
            assert_eq!(s.check, 7, "round {round} thread {i}: .data/.bss/TLS check bits {:#b}", s.check);
            assert_eq!(s.tls_after, 5 + ITERS, "round {round} thread {i}: TLS value");
            assert_eq!(*flag, 2, "round {round} thread {i}: __wasm_init_memory_flag");
        }
        // One more instance reads the total after everyone is done.
        let mut store = Store::new(&engine, ());
        let mut linker = Linker::new(&engine);
        linker.define(&store, "env", "memory", memory).unwrap();
        let inst = linker.instantiate(&mut store, &module).unwrap();
        let counter = inst.get_typed_func::<(), i32>(&mut store, "counter").unwrap();
        assert_eq!(counter.call(&mut store, ()).unwrap(), 1000 + THREADS as i32 * ITERS, "round {round}: counts lost (memory initialized twice?)");
    }
}
