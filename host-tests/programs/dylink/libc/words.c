/* libwords.so: needs libc.so. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "words.h"

int words_calls;
static const char *const table[] = {"alpha", "beta", "gamma"};
static char greeting[32];

__attribute__((constructor)) static void words_init(void) {
    /* Runs before main's constructors: libc.so is loaded and initialized by then. */
    snprintf(greeting, sizeof greeting, "libwords %s", "ready");
}

char *words_join(const char *const *words, size_t n, const char *sep) {
    words_calls++;
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(words[i]) + (i ? strlen(sep) : 0);
    char *out = malloc(len);
    if (!out)
        return NULL;
    out[0] = 0;
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(out, sep);
        strcat(out, words[i]);
    }
    return out;
}

static int by_length_then_text(const void *a, const void *b) {
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    size_t lx = strlen(x), ly = strlen(y);
    return lx != ly ? (lx < ly ? -1 : 1) : strcmp(x, y);
}

void words_sort(const char **words, size_t n) {
    words_calls++;
    qsort(words, n, sizeof *words, by_length_then_text);
}

void words_print_table(void) {
    words_calls++;
    printf("%s: table", greeting);
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        printf(" %s", table[i]);
    printf("\n");
}
