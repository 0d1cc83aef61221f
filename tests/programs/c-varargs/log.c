#include <stdio.h>
#include <string.h>
#include "log.h"

static int line_no;

void vlog_msg(const char *level, const char *fmt, va_list ap) {
    va_list copy;
    va_copy(copy, ap);
    char buf[256];
    int n = vsnprintf(buf, sizeof buf, fmt, copy);
    va_end(copy);
    printf("%03d [%-5s] %s (len %d)\n", ++line_no, level, buf, n);
    /* Use the original list a second time, straight into vfprintf. */
    printf("    raw: ");
    vfprintf(stdout, fmt, ap);
    printf("\n");
}

void log_msg(const char *level, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vlog_msg(level, fmt, ap);
    va_end(ap);
}

long sum_ints(int count, ...) {
    va_list ap;
    va_start(ap, count);
    long s = 0;
    for (int i = 0; i < count; i++)
        s += va_arg(ap, int);
    va_end(ap);
    return s;
}

double average(int count, ...) {
    va_list ap;
    va_start(ap, count);
    double s = 0;
    for (int i = 0; i < count; i++)
        s += va_arg(ap, double);
    va_end(ap);
    return count ? s / count : 0.0;
}

int concat(char *out, unsigned cap, ...) {
    va_list ap;
    va_start(ap, cap);
    out[0] = 0;
    int pieces = 0;
    for (const char *s = va_arg(ap, const char *); s; s = va_arg(ap, const char *)) {
        strncat(out, s, cap - strlen(out) - 1);
        pieces++;
    }
    va_end(ap);
    return pieces;
}
