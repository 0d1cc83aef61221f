#include <stdio.h>
#include <string.h>
#include "../archive.h"
void text_banner(char *out, unsigned cap, const char *title) {
    char tmp[64];
    strncpy(tmp, title, sizeof tmp - 1);
    tmp[sizeof tmp - 1] = 0;
    text_upper(tmp);
    snprintf(out, cap, "== %s (tri %.1f) ==", tmp, triangle_area(3, 5));
}
