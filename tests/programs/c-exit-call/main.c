/* Non-zero exit status through exit() from a nested call: atexit handlers run in reverse
   order of registration, constructors/destructors run, and buffered stdout is flushed. */
#include <stdio.h>
#include <stdlib.h>

__attribute__((constructor)) static void ctor(void) { printf("constructor\n"); }
__attribute__((constructor(101))) static void early_ctor(void) { printf("constructor 101\n"); }
__attribute__((destructor)) static void dtor(void) { printf("destructor\n"); }

static void first(void) { printf("atexit first-registered\n"); }
static void second(void) { printf("atexit second-registered\n"); }

static void deep(int level) {
    if (level == 0) {
        printf("calling exit(42) from depth 5");
        exit(42);
    }
    deep(level - 1);
    printf("unreachable\n");
}

int main(void) {
    atexit(first);
    atexit(second);
    printf("in main\n");
    deep(5);
    return 0;
}
