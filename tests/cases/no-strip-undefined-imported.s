# A definition marked `used` (NO_STRIP) that only the losing copy of a comdat has is an undefined
# symbol with the definition's flags, as lld makes it: GC keeps it (lld marks every NO_STRIP
# symbol live, defined or not), so with --allow-undefined it is imported though nothing refers
# to it; so is one a file only declares `used` (d.s). (Without --allow-undefined neither is
# imported nor an error: no relocation names them.) wasm-ld-19 links them so.
# RUN: --no-entry --allow-undefined --export=keep w.o l.o d.o
# --- w.s
        .section .text.f,"G",@,C,comdat
        .globl f
        .weak f
f:
        .functype f () -> ()
        end_function
        .section .text.keep,"",@
        .globl keep
keep:
        .functype keep () -> ()
        call f
        end_function
# --- l.s
        .section .text.f,"G",@,C,comdat
        .globl f
        .weak f
f:
        .functype f () -> ()
        end_function
        .section .text.used,"G",@,C,comdat
        .globl used
        .no_dead_strip used
used:
        .functype used () -> ()
        end_function
# --- d.s
        .functype declared () -> ()
        .no_dead_strip declared
# --- EXPECT
(module
  (type (;0;) (func))
  (import "env" "used" (func $used (;0;) (type 0)))
  (import "env" "declared" (func $declared (;1;) (type 0)))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "keep" (func $keep))
  (func $f (;2;) (type 0))
  (func $keep (;3;) (type 0)
    call $f
  )
)

