/* The main module (-pie; wasm-ld defines no __heap_base in a position-independent module):
 * needs libheap.so. */
#include "../dl.h"

void *lib_heap_base(void);
void *lib_heap_end(void);
void *lib_data_addr(void);

int main_data = 5;

void _start(void) {
    int local = 0;
    char *base = lib_heap_base();
    unsigned long end_of_memory = __builtin_wasm_memory_size(0) * 65536ul;
    out("__heap_base == __heap_end (an empty initial heap): ");
    out_yes(base == lib_heap_end());
    nl();
    out("__heap_base is the end of the memory at start: ");
    out_yes((unsigned long)base == end_of_memory);
    nl();
    out("above the modules' data and the stack: ");
    out_yes(base > (char *)lib_data_addr() && base > (char *)&main_data && base > (char *)&local);
    nl();
    /* As wasi-libc's sbrk: the heap grows with memory.grow, from __heap_base on. */
    unsigned long old = __builtin_wasm_memory_grow(0, 1);
    out("memory.grow's first page is at __heap_base: ");
    out_yes(old * 65536ul == (unsigned long)base);
    nl();
}
