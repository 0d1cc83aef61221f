# `-r` of two objects that define the table `refs`, the first weakly: the strong definition
# wins, and the weak one's table is left out, for no symbol would name it and an object's
# tables each need one (wasm-ld-19 keeps it, and then refuses the object it wrote:
# "expected one symbol table entry for each of the 2 table(s) present").
# RUN: -r a.o b.o
# --- a.s -mattr=+reference-types
        .tabletype refs, externref, 1
        .weak refs
refs:
        .globl size_a
size_a:
        .functype size_a () -> (i32)
        table.size refs
        end_function
# --- b.s -mattr=+reference-types
        .tabletype refs, externref, 3
        .globl refs
refs:
        .globl size_b
size_b:
        .functype size_b () -> (i32)
        table.size refs
        end_function
# --- EXPECT
(module
  (type (;0;) (func (result i32)))
  (table (;0;) 3 externref)
  (memory (;0;) 0)
  (func $size_a (;0;) (type 0) (result i32)
    table.size 0
  )
  (func $size_b (;1;) (type 0) (result i32)
    table.size 0
  )
  (@custom "linking" (after code) "\02\08\1d\03\05\00\00\04refs\00\00\00\06size_a\00\00\01\06size_b")
  (@custom "reloc.CODE" (after code) "\04\02\14\05\00\14\0f\00")
)

