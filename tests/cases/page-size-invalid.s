# Only 1 and 65536 are page sizes.
# RUN: --no-entry --page-size=4096 main.o
# --- main.s
        .globl  f
f:
        .functype f () -> ()
        end_function
# --- EXPECT
error: --page_size=4096 must be either 1 or 65536
