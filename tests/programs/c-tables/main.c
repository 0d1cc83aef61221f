// Wasm tables from C (clang's `__externref_t` arrays, which must be static, and its table
// builtins), in two files that each have a table named `refs`, beside function pointers through
// the indirect function table.
#include <stdio.h>

static __externref_t refs[0];
static __externref_t spare[0];

int other_file_grow(int by);
int other_file_size(void);

static void hello(void) { puts("called through the function table"); }
static void bye(void) { puts("and again"); }
void (*handlers[2])(void) = {hello, bye};

int main(void) {
    int before = __builtin_wasm_table_size(refs);
    int grown = __builtin_wasm_table_grow(refs, __builtin_wasm_ref_null_extern(), 2);
    __builtin_wasm_table_fill(refs, 0, __builtin_wasm_ref_null_extern(), 2);
    int spare_grown = __builtin_wasm_table_grow(spare, __builtin_wasm_ref_null_extern(), 7);
    printf("refs: %d -> %d (grow returned %d)\n", before, (int)__builtin_wasm_table_size(refs), grown);
    printf("spare: %d (grow returned %d)\n", (int)__builtin_wasm_table_size(spare), spare_grown);
    printf("other file: grow returned %d, size %d\n", other_file_grow(4), other_file_size());
    printf("refs after the other file grew its own: %d\n", (int)__builtin_wasm_table_size(refs));
    for (int i = 0; i < 2; i++)
        handlers[i]();
    return 0;
}
