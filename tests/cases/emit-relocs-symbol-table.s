# `--emit-relocs` writes an executable's symbol table as lld does: the linker's own symbols
# made before the inputs first (`__wasm_call_ctors`, which an input names); an undefined symbol
# that GC found nothing referring to left out (lld's `referenced`); the entry visible, whatever
# its definition says; a function a command's export wrapper runs hidden and no longer exported
# (its wrapper is the export). wasmlink wrote `b`, the flags as the inputs had them, and
# `__wasm_call_ctors` where the input named it.
# RUN: --emit-relocs a.o
# --- a.s
        .functype __wasm_call_ctors () -> ()
        .weak b
        .section .text._start,"",@
        .globl  _start
        .hidden _start
        .type   _start,@function
_start:
        .functype _start () -> ()
        call __wasm_call_ctors
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
        .section .data.p,"",@
        .globl p
p:
        .int32 b
        .size p, 4
# --- EXPECT
(module
  (type (;0;) (func))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (export "api" (func $api))
  (func $__wasm_call_ctors (;0;) (type 0)
    call $ctor
  )
  (func $_start (;1;) (type 0)
    call $__wasm_call_ctors
  )
  (func $ctor (;2;) (type 0))
  (func $api (;3;) (type 0))
  (@custom "linking" (after code) "\02\08/\04\00\04\00\11__wasm_call_ctors\00\00\01\06_start\00 \03\03api\00\02\02\04ctor\06\03\01\05\03")
  (@custom "reloc.CODE" (after code) "\05\01\00\09\00")
)

