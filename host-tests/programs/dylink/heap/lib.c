/* libheap.so: takes the linker symbols a libc's allocator reads, __heap_base and __heap_end,
 * from the loader (linked with --allow-undefined-file=undefined.txt: wasm-ld defines them only
 * in a module that is not -shared). */
#include "../dl.h"

extern char __heap_base, __heap_end;

int lib_data = 1;

void *lib_heap_base(void) { return &__heap_base; }
void *lib_heap_end(void) { return &__heap_end; }
void *lib_data_addr(void) { return &lib_data; }
