# With --unresolved-symbols=import-dynamic at a fixed address, a missing weak function is its
# `undefined_weak:` stub, as lld makes it, not an import: dylink.0 lists no import info for it
# (wasmlink listed it as a weak import).
# RUN: --unresolved-symbols=import-dynamic a.o
# --- a.s
        .functype wf () -> ()
        .weak wf
        .globl  _start
        .section .text._start,"",@
_start:
        .functype _start () -> ()
        call wf
        end_function
# --- EXPECT
;; warning: dynamic imports are not yet stable (--unresolved-symbols=import-dynamic)
(module
  (@dylink.0
    (mem-info)
  )
  (type (;0;) (func))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "__wasm_apply_data_relocs" (func $__wasm_apply_data_relocs))
  (export "_start" (func $_start))
  (func $__wasm_apply_data_relocs (;0;) (type 0))
  (func $undefined_weak:wf (;1;) (type 0)
    unreachable
  )
  (func $_start (;2;) (type 0)
    call $undefined_weak:wf
  )
)

