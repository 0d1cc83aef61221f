/* libwords.so: a library that uses libc.so too (its heap, its stdio). */
#pragma once
#include <stddef.h>

/* The words joined with `sep`, in memory from malloc (the caller frees it). */
char *words_join(const char *const *words, size_t n, const char *sep);
/* Sorts with libc's qsort and a comparison function of the library. */
void words_sort(const char **words, size_t n);
/* Prints the library's static table through libc's printf. */
void words_print_table(void);
extern int words_calls;
