# A shared library named where the link is static (outside PIC without -Bdynamic, or after
# -Bstatic) is an error, as in LLD 21 (wasm-ld 19 linked it).
# RUN: main.o -Bstatic libf.so
# --- main.s
        .globl  _start
_start:
        .functype _start () -> ()
        end_function
# --- libf.wat
(module
  (@dylink.0 (mem-info))
  (func (export "f")))
# --- EXPECT
error: attempted static link of dynamic object libf.so
