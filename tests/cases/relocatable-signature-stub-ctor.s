# In `-r` output a constructor entry whose weak definition lost to one of another signature
# names the mismatch stub, as wasm-ld's does: the final link then calls the stub (which traps),
# not the winner with the wrong signature.
# RUN: -r a.o b.o -o out.o
# --- a.s
        .functype h () -> ()
        .weak   i
i:
        .functype i () -> (i32)
        call h
        i32.const 1
        end_function
        .globl  _start
_start:
        .functype _start () -> ()
        end_function
# --- b.s
        .weak   i
i:
        .functype i () -> ()
        end_function
        .section .init_array,"",@
        .p2align 2
        .int32  i
# --- EXPECT
;; warning: function signature mismatch: i
>>> defined as () -> void in b.o
>>> defined as () -> i32 in a.o
(module $out.o
  (type (;0;) (func))
  (type (;1;) (func (result i32)))
  (import "env" "h" (func $h (;0;) (type 0)))
  (memory (;0;) 0)
  (func $signature_mismatch:i (;1;) (type 0)
    unreachable
  )
  (func $i (;2;) (type 1) (result i32)
    call $h
    i32.const 1
  )
  (func $_start (;3;) (type 0))
  (func $"#func4 i" (@name "i") (;4;) (type 0))
  (@custom "linking" (after code) "\02\08+\04\00\01\02\01i\00\10\00\00\00\03\06_start\00\02\01\14signature_mismatch:i\06\05\01\ff\ff\03\03")
  (@custom "reloc.CODE" (after code) "\04\01\00\08\01")
)

