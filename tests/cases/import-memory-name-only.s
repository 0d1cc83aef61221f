# `--import-memory=NAME` imports the memory as `env.NAME` (LLD 20; wasm-ld 19 took NAME for the
# module, with an empty field name); `--import-memory=MODULE,NAME` names both.
# RUN: --import-memory=mem a.o
# --- a.s
        .globl  _start
_start:
        .functype _start () -> ()
        end_function
# --- EXPECT
(module
  (type (;0;) (func))
  (import "env" "mem" (memory (;0;) 2))
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "_start" (func $_start))
  (func $_start (;0;) (type 0))
)

