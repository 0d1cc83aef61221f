# `--emit-relocs`: lld's optional data symbols (`__start_X`/`__stop_X`, `__data_end`, ...) are
# referenced as it makes them, after GC, so an object that names one without using it (here
# from code GC removed) still finds it in the symbol table. wasmlink left them out.
# RUN: --emit-relocs --no-entry --export=keep a.o
# --- a.s
        .globl  keep
keep:
        .functype keep () -> ()
        end_function
        .section .text.dead,"",@
dead:
        .functype dead () -> (i32)
        i32.const __stop_sec
        i32.const __data_end
        i32.add
        end_function
        .section sec,"",@
        .globl in_sec
        .no_dead_strip in_sec
in_sec:
        .int32 1
        .size in_sec, 4
# --- EXPECT
(module
  (type (;0;) (func))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66576)
  (export "memory" (memory 0))
  (export "keep" (func $keep))
  (func $keep (;0;) (type 0))
  (data $sec (;0;) (i32.const 1024) "\01\00\00\00")
  (@custom "linking" (after data) "\02\08:\04\00\00\00\04keep\01\84\04\0a__stop_sec\00\84\08\00\01\84\04\0a__data_end\00\84\08\00\01\80\01\06in_sec\00\00\04\05\07\01\03sec\00\00")
)

