# lld makes an `undefined_weak:` stub for every missing weak function before it scans the
# relocations (in symbol-table order), and the `undefined_stub`s as the scan meets them: the
# weak ones come first. Without GC each is kept, even one whose address alone is taken (that
# address is still the null pointer), as wasm-ld-19 links it.
# RUN: --no-gc-sections --unresolved-symbols=ignore-all a.o
# --- a.s
        .functype h () -> ()
        .functype a () -> ()
        .functype b () -> ()
        .weak a
        .weak b
        .globl  _start
_start:
        .functype _start () -> (i32)
        call h
        call b
        i32.const a
        end_function
# --- EXPECT
(module
  (type (;0;) (func))
  (type (;1;) (func (result i32)))
  (table (;0;) 1 1 funcref)
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (func $__wasm_call_ctors (;0;) (type 0))
  (func $undefined_weak:a (;1;) (type 0)
    unreachable
  )
  (func $undefined_weak:b (;2;) (type 0)
    unreachable
  )
  (func $undefined_stub (;3;) (type 0)
    unreachable
  )
  (func $_start (;4;) (type 1) (result i32)
    call $undefined_stub
    call $undefined_weak:b
    i32.const 0
  )
)

