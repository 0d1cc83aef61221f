# Without GC (here `-r`) a mismatch stub whose address alone is taken is still in the output,
# as every chunk is live then: the relocation names it, and the final link makes it the null
# pointer.
# RUN: -r a.o b.o -o out.o
# --- a.s
        .globl  f
f:
        .functype f () -> (i32)
        i32.const 1
        end_function
        .globl  _start
_start:
        .functype _start () -> ()
        end_function
# --- b.s
        .weak  f
f:
        .functype f () -> ()
        end_function
        .globl  g
g:
        .functype g () -> (i32)
        i32.const f
        end_function
# --- EXPECT
;; warning: function signature mismatch: f
>>> defined as () -> void in b.o
>>> defined as () -> i32 in a.o
(module $out.o
  (type (;0;) (func))
  (type (;1;) (func (result i32)))
  (import "env" "__indirect_function_table" (table (;0;) 1 funcref))
  (memory (;0;) 0)
  (func $signature_mismatch:f (;0;) (type 0)
    unreachable
  )
  (func $f (;1;) (type 1) (result i32)
    i32.const 1
  )
  (func $_start (;2;) (type 0))
  (func $"#func3 f" (@name "f") (;3;) (type 0))
  (func $g (;4;) (type 1) (result i32)
    i32.const 0
  )
  (@custom "linking" (after code) "\02\081\05\00\00\01\01f\00\00\02\06_start\00\00\04\01g\05\90\01\00\00\02\00\14signature_mismatch:f")
  (@custom "reloc.CODE" (after code) "\04\01\01\13\04")
)

