# A shared library that defines a weak wasm global and a weak exception tag imports each under
# its own name as well as exporting it, so that another module's definition may be the one the
# loader picks (lld's shouldImport: any weak definition but data's). Unlike a function's calls
# (pic-interposable-constructor.s), the library's own `global.get` and `throw` stay with its
# definitions, and the imports go unused, as in wasm-ld-19.
# RUN: --experimental-pic -shared t.o
# --- t.s -mattr=+exception-handling
        .globaltype counter, i32
        .weak counter
counter:
        .tagtype my_tag
        .weak my_tag
my_tag:
        .section .text.read,"",@
        .globl read
read:
        .functype read () -> (i32)
        global.get counter
        end_function
        .section .text.fail,"",@
        .globl fail
fail:
        .functype fail () -> ()
        throw my_tag
        end_function
# --- EXPECT
(module
  (@dylink.0
    (mem-info)
  )
  (type (;0;) (func))
  (type (;1;) (func (result i32)))
  (import "env" "memory" (memory (;0;) 0))
  (import "env" "__memory_base" (global $__memory_base (;0;) i32))
  (import "env" "__table_base" (global $__table_base (;1;) i32))
  (import "env" "counter" (global (;2;) (mut i32)))
  (import "env" "my_tag" (tag (;0;) (type 0)))
  (tag (;1;) (type 0))
  (global $counter (;3;) (mut i32) i32.const 0)
  (export "__wasm_call_ctors" (func $__wasm_call_ctors))
  (export "__wasm_apply_data_relocs" (func $__wasm_apply_data_relocs))
  (export "counter" (global $counter))
  (export "my_tag" (tag 1))
  (export "read" (func $read))
  (export "fail" (func $fail))
  (func $__wasm_call_ctors (;0;) (type 0))
  (func $__wasm_apply_data_relocs (;1;) (type 0))
  (func $read (;2;) (type 1) (result i32)
    global.get $counter
  )
  (func $fail (;3;) (type 0)
    throw 1
  )
  (@custom "target_features" (after code) "\01+\0fmutable-globals")
)

