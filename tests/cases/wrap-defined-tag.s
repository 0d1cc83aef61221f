# --wrap=my_tag where my_tag is an exception tag the file defines: as for a global
# (wrap-defined-global.s), the throw goes to __wrap_my_tag, imported with the tag's type.
# (wasm-ld-19 crashes.)
# RUN: --no-entry --export=keep --allow-undefined --wrap=my_tag t.o
# --- t.s -mattr=+exception-handling
        .tagtype my_tag
        .globl my_tag
my_tag:
        .section .text.keep,"",@
        .globl keep
keep:
        .functype keep () -> ()
        throw my_tag
        end_function
# --- EXPECT
(module
  (type (;0;) (func))
  (import "env" "__wrap_my_tag" (tag (;0;) (type 0)))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "keep" (func $keep))
  (func $keep (;0;) (type 0)
    throw 0
  )
)

