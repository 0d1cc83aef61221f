# In `-r` output the losing copy of a thread-local comdat is a thread-local segment of its own:
# a thread-local relocation's placeholder is the offset in the symbol's own segment (0 here),
# as wasm-ld-19 writes it, not an offset from the last such segment. (The segment info differs
# from wasm-ld-19's only in its flags, which wasmlink keeps: see the README.)
# RUN: --features=atomics,bulk-memory -r c1.o c2.o
# --- c1.s -mattr=+atomics,+bulk-memory
        .globaltype __tls_base, i32
        .section .tdata.t,"GT",@,tcomdat,comdat
        .weak  t
        .hidden t
t:
        .int32  1
        .size t, 4
        .section .text.get1,"",@
        .globl  get1
get1:
        .functype get1 () -> (i32)
        global.get __tls_base
        i32.const t@TLSREL
        i32.add
        i32.load 0
        end_function
# --- c2.s -mattr=+atomics,+bulk-memory
        .globaltype __tls_base, i32
        .section .tdata.t,"GT",@,tcomdat,comdat
        .weak  t
        .hidden t
t:
        .int32  2
        .size t, 4
        .section .text.get2,"",@
        .globl  get2
get2:
        .functype get2 () -> (i32)
        global.get __tls_base
        i32.const t@TLSREL
        i32.add
        i32.load 0
        end_function
# --- EXPECT
(module
  (type (;0;) (func (result i32)))
  (import "env" "__tls_base" (global $__tls_base (;0;) (mut i32)))
  (memory (;0;) 1)
  (func $get1 (;0;) (type 0) (result i32)
    global.get $__tls_base
    i32.const 0
    i32.add
    i32.load
  )
  (func $get2 (;1;) (type 0) (result i32)
    global.get $__tls_base
    i32.const 0
    i32.add
    i32.load
  )
  (data $.tdata (;0;) (i32.const 0) "\01\00\00\00")
  (data $"#data1 .tdata" (@name ".tdata") (;1;) (i32.const 4) "\02\00\00\00")
  (@custom "linking" (after data) "\02\08\1c\04\01\85\02\01t\00\00\04\00\00\00\04get1\02\10\00\00\00\01\04get2\05\13\02\06.tdata\00\02\06.tdata\00\02\07\0f\01\07tcomdat\00\02\00\00\00\01")
  (@custom "reloc.CODE" (after data) "\04\04\07\04\02\15\0a\00\00\07\17\02\15\1d\00\00")
  (@custom "target_features" (after data) "\02+\07atomics+\0bbulk-memory")
)

