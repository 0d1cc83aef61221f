# `-r` links statically whatever `-Bdynamic` says (LLD 20): `-lf` finds `libf.a`, not `libf.so`,
# and the member joins the object.
# RUN: -r -Bdynamic main.o -L. -lf
# --- main.s
        .functype f () -> ()
        .globl  _start
_start:
        .functype _start () -> ()
        call f
        end_function
# --- f.s
        .globl  f
f:
        .functype f () -> ()
        end_function
# --- libf.a f.o
# --- libf.wat
(module
  (@dylink.0 (mem-info))
  (func (export "f")))
# --- EXPECT
(module
  (type (;0;) (func))
  (memory (;0;) 0)
  (func $_start (;0;) (type 0)
    call $f
  )
  (func $f (;1;) (type 0))
  (@custom "linking" (after code) "\02\08\10\02\00\00\00\06_start\00\00\01\01f")
  (@custom "reloc.CODE" (after code) "\03\01\00\04\01")
)

