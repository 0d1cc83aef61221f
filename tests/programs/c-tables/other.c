// A second table named `refs`, local to this file.
static __externref_t refs[0];

int other_file_grow(int by) { return __builtin_wasm_table_grow(refs, __builtin_wasm_ref_null_extern(), by); }
int other_file_size(void) { return __builtin_wasm_table_size(refs); }
