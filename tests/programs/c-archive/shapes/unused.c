/* Nothing references this member: it must not be linked, so its constructor never runs. */
#include <stdio.h>
__attribute__((constructor)) static void unused_init(void) { printf("BUG: unused archive member linked\n"); }
int unused_function(void) { return 666; }
