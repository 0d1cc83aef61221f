/* libtls.so: thread-local and shared state in a library run by several threads. */
#include "../dl.h"

_Thread_local int tls_counter = 1000;
int tls_shared_total;

int tls_bump(void) {
    __atomic_fetch_add(&tls_shared_total, 1, __ATOMIC_SEQ_CST);
    return ++tls_counter;
}

int *tls_addr(void) { return &tls_counter; }
