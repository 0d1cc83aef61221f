# In PIC output the linker's `__stack_pointer`, `__memory_base` and `__table_base` are undefined
# (imports) when the inputs come, so an object's definition of one is taken, as in wasm-ld: the
# module has its own stack pointer, in the linker's place among the exports (wasmlink reported a
# duplicate symbol). No compiler writes this; generated sets do.
# RUN: --experimental-pic -pie --export-all main.o
# --- main.s
        .globaltype __stack_pointer, i32
        .globl  __stack_pointer
__stack_pointer:
        .globl  _start
_start:
        .functype _start () -> ()
        global.get __stack_pointer
        drop
        end_function
# --- EXPECT
(module
  (@dylink.0
    (mem-info)
  )
  (type (;0;) (func))
  (import "env" "__memory_base" (global $__memory_base (;0;) i32))
  (import "env" "__table_base" (global $__table_base (;1;) i32))
  (memory (;0;) 0)
  (global $__stack_pointer (;2;) (mut i32) i32.const 0)
  (global (;3;) i32 i32.const 0)
  (global (;4;) i32 i32.const 0)
  (export "memory" (memory 0))
  (export "__wasm_call_ctors" (func $__wasm_call_ctors))
  (export "__stack_pointer" (global $__stack_pointer))
  (export "__wasm_apply_data_relocs" (func $__wasm_apply_data_relocs))
  (export "_start" (func $_start))
  (export "__dso_handle" (global 3))
  (export "__data_end" (global 4))
  (func $__wasm_call_ctors (;0;) (type 0))
  (func $__wasm_apply_data_relocs (;1;) (type 0))
  (func $_start (;2;) (type 0)
    global.get $__stack_pointer
    drop
  )
  (@custom "target_features" (after code) "\01+\0fmutable-globals")
)

