# In output without GC (here `-r`), debug information's references to undefined symbols are not
# tombstones, as in wasm-ld, whose undefined symbols start out referenced: `__stack_pointer`'s
# global index (a frame base) and an undefined data symbol's address (both 0), in place.
# RUN: -r a.o -o out.o
# --- a.s
        .globaltype __stack_pointer, i32
        .globl  f
f:
        .functype f () -> (i32)
        global.get __stack_pointer
        end_function
        .section .debug_info,"",@
        .int32  __stack_pointer
        .int32  ext_data+4
        .int32  f
# --- EXPECT
(module $out.o
  (type (;0;) (func (result i32)))
  (import "env" "__stack_pointer" (global $__stack_pointer (;0;) (mut i32)))
  (memory (;0;) 0)
  (func $f (;0;) (type 0) (result i32)
    global.get $__stack_pointer
  )
  (@custom ".debug_info" (after code) "\00\00\00\00\00\00\00\00\02\00\00\00")
  (@custom "linking" (after code) "\02\08\17\04\00\00\00\01f\02\10\00\01\10\08ext_data\03\02\05")
  (@custom "reloc.CODE" (after code) "\04\01\07\04\01")
  (@custom "reloc..debug_info" (after code) "\05\03\0d\00\01\05\04\02\04\08\08\00\00")
)

