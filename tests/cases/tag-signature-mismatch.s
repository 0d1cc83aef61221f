# An exception tag thrown with an i32 in one object and defined with an i64 in another: a
# warning, `Tag signature mismatch`, as in wasm-ld-19. (The module then does not validate,
# which wasmlink reports as well; wasm-ld-19 writes it.)
# RUN: --no-entry --export=run a.o b.o
# --- a.s -mattr=+exception-handling
        .tagtype my_tag i64
        .globl my_tag
my_tag:
# --- b.s -mattr=+exception-handling -no-type-check
        .tagtype my_tag i32
        .globl run
run:
        .functype run () -> ()
        i32.const 1
        throw my_tag
        end_function
# --- EXPECT
warning: Tag signature mismatch: my_tag
>>> defined as (i64) -> void in a.o
>>> defined as (i32) -> void in b.o
error: b.o: function run is not valid WebAssembly after linking: type mismatch: expected i64, found i32 (at offset 0x55)
