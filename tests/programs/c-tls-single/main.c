// Thread-local variables in a program built for threads (-matomics -mbulk-memory, so the
// compiler keeps them thread-local) and linked without --shared-memory: one TLS block, at a
// fixed address, that code reaches as __tls_base plus each variable's offset in it.
#include <stdio.h>

_Thread_local int counter = 5;
_Thread_local int table[4] = {1, 2, 3, 4};
_Thread_local const char *label = "tls";
int plain = 40;

static int bump(void) { return ++counter; }

int main(void) {
    bump();
    table[3] += plain;
    printf("counter=%d table=%d,%d,%d,%d label=%s\n", counter, table[0], table[1], table[2], table[3], label);
    printf("&table[1]-&table[0]=%d\n", (int)(&table[1] - &table[0]));
    return 0;
}
