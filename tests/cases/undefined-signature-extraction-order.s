# The order in which references to a missing function are met is resolution's, as lld's: a
# member's references come before the rest of the file that extracted it. Here the member's
# reference only takes f's address, and a.o's later weak call gives f its signature and
# binding: the `undefined_weak:f` stub is () -> i32 and valid. (Taking files in the order they
# joined put a.o first, and the stub got the member's signature.)
# RUN: libw.a a.o
# --- m.s
        .functype f (i32) -> ()
        .globl  g
        .section .text.g,"",@
g:
        .functype g () -> ()
        i32.const f
        drop
        end_function
        .weak f
# --- libw.a m.o
# --- a.s
        .functype g () -> ()
        .functype f () -> (i32)
        .globl  _start
        .section .text._start,"",@
_start:
        .functype _start () -> (i32)
        call g
        call f
        end_function
        .weak f
# --- EXPECT
(module
  (type (;0;) (func (result i32)))
  (type (;1;) (func))
  (table (;0;) 1 1 funcref)
  (memory (;0;) 2)
  (global $__stack_pointer (;0;) (mut i32) i32.const 66560)
  (export "memory" (memory 0))
  (export "_start" (func $_start))
  (func $undefined_weak:f (;0;) (type 0) (result i32)
    unreachable
  )
  (func $g (;1;) (type 1)
    i32.const 0
    drop
  )
  (func $_start (;2;) (type 0) (result i32)
    call $g
    call $undefined_weak:f
  )
)

