# `--emit-relocs` in a command with constructors: each exported function is run by a
# `NAME.command_export` wrapper, which is the export; the function's symbol is hidden and no
# longer exported, as lld's `createCommandExportWrappers` leaves it. The entry, exported too, is
# wrapped the same way. wasmlink wrote both as their inputs had them.
# RUN: --emit-relocs a.o
# --- a.s
        .section .text._start,"",@
        .globl  _start
        .type   _start,@function
_start:
        .functype _start () -> ()
        end_function
        .section .text.ctor,"",@
        .type   ctor,@function
ctor:
        .functype ctor () -> ()
        end_function
        .section .text.api,"",@
        .globl  api
        .export_name api, api
        .type   api,@function
api:
        .functype api () -> ()
        end_function
        .section .init_array.5,"",@
        .p2align 2
        .int32  ctor
# --- EXPECT
(module
  (type (;0;) (func))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start.command_export))
  (export "api" (func $api.command_export))
  (func $__wasm_call_ctors (;0;) (type 0)
    call $ctor
  )
  (func $_start (;1;) (type 0))
  (func $ctor (;2;) (type 0))
  (func $api (;3;) (type 0))
  (func $_start.command_export (;4;) (type 0)
    call $__wasm_call_ctors
    call $_start
  )
  (func $api.command_export (;5;) (type 0)
    call $__wasm_call_ctors
    call $api
  )
  (@custom "linking" (after code) "\02\08\1a\03\00\04\01\06_start\00\04\03\03api\00\02\02\04ctor\06\03\01\05\02")
)

