/* The main module of the threads test (-pie, shared memory). Compiled for the emscripten triple:
 * clang-19 only uses the general-dynamic TLS model (GOT.mem imports of TLS symbols) there, so
 * this module can read libtls.so's thread-local variable directly. */
#include "../dl.h"

__attribute__((import_module("wasi"), import_name("thread-spawn"))) int thread_spawn(void *arg);
void __wasm_call_ctors(void);

extern _Thread_local int tls_counter; /* libtls.so's, through GOT.mem (TLS) */
extern int tls_shared_total;
int tls_bump(void);
int *tls_addr(void);

_Thread_local int main_tls = 5;

#define N 4
#define BUMPS 100

struct result {
    int last;
    int direct;
    int *addr;
    int main_tls;
    int plugin;
    int plugin2;
};
static struct result results[N];
static int started, done, phase2;
static int (*published_fn)(int);
static int (*published_fn2)(int);

static void spin_until(int *p, int v) {
    while (__atomic_load_n(p, __ATOMIC_SEQ_CST) < v) {
    }
}

void wasi_thread_start(int tid, void *arg) {
    int i = (int)(intptr_t)arg;
    (void)tid;
    int last = 0;
    for (int k = 0; k < BUMPS; k++)
        last = tls_bump();
    results[i].last = last;
    results[i].direct = tls_counter;
    results[i].addr = tls_addr();
    main_tls += i;
    results[i].main_tls = main_tls;
    __atomic_fetch_add(&started, 1, __ATOMIC_SEQ_CST);
    int (*fn)(int);
    while (!(fn = __atomic_load_n(&published_fn, __ATOMIC_SEQ_CST))) {
    }
    results[i].plugin = fn(i);
    if (i == 0) {
        void *h = dlopen("libtplugin2.so", RTLD_NOW);
        int (*f2)(int) = (int (*)(int))dlsym(h, "tplugin2_fn");
        __atomic_store_n(&published_fn2, f2, __ATOMIC_SEQ_CST);
    }
    int (*f2)(int);
    while (!(f2 = __atomic_load_n(&published_fn2, __ATOMIC_SEQ_CST))) {
    }
    results[i].plugin2 = f2(i);
    __atomic_fetch_add(&done, 1, __ATOMIC_SEQ_CST);
}

void _start(void) {
    __wasm_call_ctors();
    for (int i = 0; i < N; i++) {
        if (thread_spawn((void *)(intptr_t)i) <= 0) {
            out("thread_spawn failed\n");
            dl_proc_exit(1);
        }
    }
    int last = 0;
    for (int k = 0; k < 10; k++)
        last = tls_bump();
    spin_until(&started, N);
    void *h = dlopen("libtplugin.so", RTLD_NOW);
    if (!h) {
        out("dlopen failed: ");
        out(dlerror());
        nl();
        dl_proc_exit(1);
    }
    __atomic_store_n(&published_fn, (int (*)(int))dlsym(h, "tplugin_fn"), __ATOMIC_SEQ_CST);
    int (*f2)(int);
    while (!(f2 = __atomic_load_n(&published_fn2, __ATOMIC_SEQ_CST))) {
    }
    spin_until(&done, N);
    for (int i = 0; i < N; i++) {
        out("thread ");
        out_int(i);
        out(": tls ");
        out_int(results[i].last);
        out(" (read directly ");
        out_int(results[i].direct);
        out("), main_tls ");
        out_int(results[i].main_tls);
        out(", plugin ");
        out_int(results[i].plugin);
        out(", plugin2 ");
        out_int(results[i].plugin2);
        nl();
    }
    int distinct = 1;
    for (int i = 0; i < N; i++) {
        if (results[i].addr == tls_addr())
            distinct = 0;
        for (int j = 0; j < i; j++)
            if (results[i].addr == results[j].addr)
                distinct = 0;
    }
    out("main: tls ");
    out_int(last);
    out(", main_tls ");
    out_int(main_tls);
    out(", plugin ");
    out_int(published_fn(9));
    out(", plugin2 from the worker's dlopen ");
    out_int(f2(9));
    nl();
    out("TLS blocks distinct: ");
    out_yes(distinct);
    out(", shared total ");
    out_int(__atomic_load_n(&tls_shared_total, __ATOMIC_SEQ_CST));
    nl();
}
