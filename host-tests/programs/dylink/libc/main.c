/* A program on wasi-libc as a shared library: main.wasm -> libwords.so -> libc.so, and
 * libcplugin.so opened with dlopen. stdio (buffered stdout, unbuffered stderr, a file in a
 * preopened directory), malloc from every module on one heap, qsort calling back into the
 * program, errno and environ, constructors, atexit and exit. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "words.h"

/* The loader's dl functions (host-tests/src/dylink/mod.rs); this wasi-libc has no dlfcn.h. */
#define ENV_IMPORT(name) __attribute__((import_module("env"), import_name(#name)))
ENV_IMPORT(dlopen) void *dlopen(const char *name, int flags);
ENV_IMPORT(dlsym) void *dlsym(void *handle, const char *sym);
ENV_IMPORT(dlerror) char *dlerror(void);
#define RTLD_NOW 2

static int ctor_ran;
__attribute__((constructor)) static void main_init(void) { ctor_ran = 1; }

static void bye(void) { printf("atexit: bye, %d calls into libwords\n", words_calls); }

static int cmp_desc(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x < y) - (x > y);
}

static const char *yes(int b) { return b ? "yes" : "NO"; }

/* Above the static data of every module: the heap starts where the loader's regions end. */
static int above_modules(const void *p) {
    uintptr_t a = (uintptr_t)p;
    return a > (uintptr_t)&ctor_ran && a > (uintptr_t)&words_calls && a > (uintptr_t)stdout && a > (uintptr_t)&errno;
}

int main(int argc, char **argv) {
    atexit(bye);
    printf("argc %d:", argc);
    for (int i = 1; i < argc; i++)
        printf(" [%s]", argv[i]);
    printf("\nmain's constructor ran before main: %s\n", yes(ctor_ran));
    const char *greeting = getenv("GREETING");
    printf("getenv(\"GREETING\"): %s, getenv(\"NOPE\"): %s\n", greeting ? greeting : "(null)",
           getenv("NOPE") ? "set" : "(null)");
    fprintf(stderr, "to stderr, unbuffered\n");

    /* Formatting and parsing. */
    printf("printf: %d %u %x %o %c %s %5.2f %.3e %g %%\n", -42, 42u, 255, 8, 'w', "str", 3.14159, 12345.678, 0.0001);
    char buf[64];
    int n = snprintf(buf, sizeof buf, "%08.3f|%-6s|%+d", -2.5, "ab", 7);
    printf("snprintf: \"%s\" (%d chars)\n", buf, n);
    char *end;
    long l = strtol("  -1234xyz", &end, 10);
    double d = strtod("6.02e23", NULL);
    printf("strtol: %ld, rest \"%s\"; strtod: %.2e\n", l, end, d);
    errno = 0;
    strtol("99999999999999999999", NULL, 10);
    printf("errno after an overflowing strtol: %s\n", errno == ERANGE ? "ERANGE" : "other");

    /* The heap: many small blocks, one grown by realloc, one of 8 MiB (the memory grows). */
    enum { N = 1000 };
    char **blocks = calloc(N, sizeof *blocks);
    unsigned long sum = 0;
    int all_above = above_modules(blocks);
    for (int i = 0; i < N; i++) {
        blocks[i] = malloc(16 + i % 100);
        memset(blocks[i], i & 0xff, 16 + i % 100);
        all_above &= above_modules(blocks[i]);
    }
    for (int i = 0; i < N; i += 2) {
        free(blocks[i]);
        blocks[i] = NULL;
    }
    for (int i = 1; i < N; i += 2)
        sum += (unsigned char)blocks[i][15] + (unsigned char)blocks[i][0];
    char *grown = NULL;
    for (int size = 1; size <= 1 << 16; size *= 2) {
        grown = realloc(grown, size);
        grown[size - 1] = (char)size;
    }
    unsigned char *big = malloc(8 << 20);
    for (int i = 0; i < 8 << 20; i += 4096)
        big[i] = (unsigned char)(i >> 12);
    for (int i = 0; i < 8 << 20; i += 4096)
        sum += big[i];
    all_above &= above_modules(big) && above_modules(grown);
    printf("heap: checksum %lu, every block above the modules' data: %s\n", sum, yes(all_above));
    for (int i = 1; i < N; i += 2)
        free(blocks[i]);
    free(blocks);
    free(grown);
    free(big);

    /* qsort calls back into the program. */
    int v[] = {5, 3, 9, 1, 7, 2, 8};
    qsort(v, sizeof v / sizeof *v, sizeof *v, cmp_desc);
    printf("qsort with main's comparison:");
    for (size_t i = 0; i < sizeof v / sizeof *v; i++)
        printf(" %d", v[i]);
    printf("\n");

    /* A library that uses the same libc. */
    const char *w[] = {"pear", "fig", "banana", "kiwi", "apple"};
    words_sort(w, 5);
    char *joined = words_join(w, 5, ", ");
    printf("libwords sorted and joined: %s\n", joined);
    free(joined); /* malloc'd by libwords, freed here: one heap */
    words_print_table();

    /* A file in the preopened directory $OUT_DIR. */
    const char *dir = getenv("OUT_DIR");
    if (dir) {
        char path[256];
        snprintf(path, sizeof path, "%s/libc-test.txt", dir);
        FILE *f = fopen(path, "w");
        if (!f) {
            printf("fopen %s: %s\n", path, strerror(errno));
        } else {
            for (int i = 1; i <= 3; i++)
                fprintf(f, "line %d of %s\n", i, "the file");
            fclose(f);
            f = fopen(path, "r");
            char line[64];
            int lines = 0;
            while (fgets(line, sizeof line, f))
                lines++;
            printf("file: wrote and read back %d lines, last \"%.*s\"\n", lines, (int)strcspn(line, "\n"), line);
            fclose(f);
        }
        printf("fopen of a missing file: %s\n", fopen("/no/such/dir/x", "r") ? "opened" : strerror(errno));
    }

    /* A library opened now, while the heap is in use. */
    void *h = dlopen("libcplugin.so", RTLD_NOW);
    char *(*describe)(int) = h ? (char *(*)(int))dlsym(h, "plugin_describe") : NULL;
    if (!describe) {
        printf("dlopen libcplugin.so: %s\n", dlerror());
    } else {
        char *s = describe(12);
        printf("%s\n", s);
        free(s);
    }

    const char *code = getenv("EXIT_WITH");
    if (code) {
        printf("exit(%s) with this line still in the buffer\n", code);
        exit(atoi(code));
    }
    printf("main returns 0\n");
    return 0;
}
