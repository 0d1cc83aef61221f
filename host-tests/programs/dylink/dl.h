/* Freestanding helpers for the dynamic-linking test programs (no libc: Debian's wasi-libc is not
 * built -fPIC). Every module that includes this prints through its own WASI import, so side
 * modules exercise the loader's WASI adapter. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#define WASI_IMPORT(name) __attribute__((import_module("wasi_snapshot_preview1"), import_name(#name)))
#define ENV_IMPORT(name) __attribute__((import_module("env"), import_name(#name)))

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    const void *buf;
    size_t len;
} dl_ciovec;

WASI_IMPORT(fd_write) int dl_fd_write(int fd, const dl_ciovec *iov, size_t n, size_t *written);
WASI_IMPORT(proc_exit) _Noreturn void dl_proc_exit(int code);

/* The loader's dl functions (host-tests/src/dylink/mod.rs documents them). */
ENV_IMPORT(dlopen) void *dlopen(const char *name, int flags);
ENV_IMPORT(dlsym) void *dlsym(void *handle, const char *sym);
ENV_IMPORT(dlclose) int dlclose(void *handle);
ENV_IMPORT(dlerror) char *dlerror(void);
#define RTLD_LAZY 1
#define RTLD_NOW 2
#define RTLD_NOLOAD 4
#define RTLD_GLOBAL 0x100
#define RTLD_DEFAULT ((void *)0)

static inline size_t dl_strlen(const char *s) {
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

static inline void out(const char *s) {
    dl_ciovec v = {s, dl_strlen(s)};
    size_t w;
    dl_fd_write(1, &v, 1, &w);
}

static inline void out_int(long v) {
    char buf[24];
    int i = 23;
    int neg = v < 0;
    unsigned long u = neg ? -(unsigned long)v : (unsigned long)v;
    buf[i] = 0;
    do {
        buf[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (neg)
        buf[--i] = '-';
    out(&buf[i]);
}

static inline void out_yes(int b) { out(b ? "yes" : "NO"); }

static inline void nl(void) { out("\n"); }

#ifdef __cplusplus
}
#endif
