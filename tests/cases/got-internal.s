# Position-independent code (rustc's wasm32-wasip2 objects) reads data and function addresses
# from the GOT. Linked into an ordinary module, each GOT entry is a constant global after the
# inputs' own: the data's address, or the function's table index.
# RUN: --no-entry --export=get main.o -o main.wasm
# --- main.s
        .globl  get
get:
        .functype get () -> (i32)
        global.get value@GOT
        i32.load 0
        global.get callee@GOT
        call_indirect () -> (i32)
        i32.add
        end_function

        .globl callee
callee:
        .functype callee () -> (i32)
        i32.const 2
        end_function

        .section .data.value,"",@
        .globl value
value:
        .int32  40
        .size   value, 4
# --- EXPECT
(module $main.wasm
  (type (;0;) (func (result i32)))
  (table (;0;) 2 2 funcref)
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66576)
  (global $GOT.data.internal.value (;1;) i32 i32.const 1024)
  (global $GOT.func.internal.callee (;2;) i32 i32.const 1)
  (export "memory" (memory 0))
  (export "get" (func $get))
  (elem (;0;) (i32.const 1) func $callee)
  (func $get (;0;) (type 0) (result i32)
    global.get $GOT.data.internal.value
    i32.load
    global.get $GOT.func.internal.callee
    call_indirect (type 0)
    i32.add
  )
  (func $callee (;1;) (type 0) (result i32)
    i32.const 2
  )
  (data $.data (;0;) (i32.const 1024) "(\00\00\00")
)

