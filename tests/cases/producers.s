# The producers section as lld's ProducersSection writes it: the values of every object the link
# loaded, even one whose code is all collected (b.o, extracted for a dead function's call, as an
# archive member would be; c.o is never extracted), each name once (the first file's version),
# and the fields in lld's fixed order (language, processed-by, sdk), whatever order the files
# list them in.
# RUN: a.o --start-lib b.o c.o --end-lib -o out.wasm
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
        .section .custom_section.producers,"",@
        .int8   1
        .int8   12
        .ascii  "processed-by"
        .int8   1
        .int8   5
        .ascii  "clang"
        .int8   2
        .ascii  "19"
# --- b.s
        .globl  f
f:
        .functype f () -> (i32)
        i32.const 1
        end_function
        .section .custom_section.producers,"",@
        .int8   3
        .int8   3
        .ascii  "sdk"
        .int8   1
        .int8   8
        .ascii  "wasi-sdk"
        .int8   2
        .ascii  "20"
        .int8   12
        .ascii  "processed-by"
        .int8   2
        .int8   5
        .ascii  "clang"
        .int8   2
        .ascii  "18"
        .int8   5
        .ascii  "rustc"
        .int8   4
        .ascii  "1.80"
        .int8   8
        .ascii  "language"
        .int8   1
        .int8   3
        .ascii  "C99"
        .int8   0
# --- c.s
        .globl  g
g:
        .functype g () -> ()
        end_function
        .section .custom_section.producers,"",@
        .int8   1
        .int8   8
        .ascii  "language"
        .int8   1
        .int8   4
        .ascii  "Rust"
        .int8   0
# --- EXPECT
(module $out.wasm
  (type (;0;) (func))
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (func $_start (;0;) (type 0))
  (@producers
    (language "C99" "")
    (processed-by "clang" "19")
    (processed-by "rustc" "1.80")
    (sdk "wasi-sdk" "20")
  )
)

