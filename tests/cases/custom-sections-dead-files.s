# Custom sections as wasm-ld writes them: every loaded object's, even one none of whose code
# survives GC (b.o, extracted for a dead function's call: wit-bindgen's `component-type` sections
# often sit in an object like that), but not those of a comdat another file's copy won (c.o's
# `.debug_foo`, in comdat `cd`, which b.o brought first).
# RUN: a.o --start-lib b.o --end-lib c.o -o out.wasm
# --- a.s
        .functype f () -> (i32)
        .globl  _start
_start:
        .functype _start () -> ()
        end_function
        .globl  dead
dead:
        .functype dead () -> (i32)
        call    f
        end_function
# --- b.s
        .globl  f
f:
        .functype f () -> (i32)
        i32.const 1
        end_function
        .section .text.cf,"G",@,cd,comdat
        .globl  cf
cf:
        .functype cf () -> ()
        end_function
        .section .debug_foo,"G",@,cd,comdat
        .int8   1
        .section ".custom_section.component-type","",@
        .ascii  "b"
# --- c.s
        .section .text.cf,"G",@,cd,comdat
        .globl  cf
cf:
        .functype cf () -> ()
        end_function
        .section .debug_foo,"G",@,cd,comdat
        .int8   2
        .section ".custom_section.component-type","",@
        .ascii  "c"
# --- EXPECT
(module $out.wasm
  (type (;0;) (func))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (func $_start (;0;) (type 0))
  (@custom ".debug_foo" (after code) "\01")
  (@custom "component-type" (after code) "bc")
)

