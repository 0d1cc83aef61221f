/* libcplugin.so: opened with dlopen by the main module after its heap is in use; needs libc.so
 * (already loaded). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int opened;

__attribute__((constructor)) static void plugin_init(void) { opened = 1; }

/* A description in memory from malloc, which the main module frees. */
char *plugin_describe(int x) {
    char *s = malloc(64);
    snprintf(s, 64, "plugin: %d squared is %d, constructor ran: %s", x, x * x, opened ? "yes" : "no");
    return s;
}
