/* Variadic functions across translation units: va_list forwarding, va_copy, mixed types. */
#include <stdio.h>
#include <stdint.h>
#include "log.h"

struct pair {
    int a;
    long long b;
};

static long long mixed(int n, ...) {
    va_list ap;
    va_start(ap, n);
    long long acc = 0;
    for (int i = 0; i < n; i++) {
        switch (i % 4) {
        case 0: acc += va_arg(ap, int); break;
        case 1: acc += va_arg(ap, long long); break;
        case 2: acc += (long long)(va_arg(ap, double) * 10); break;
        case 3: {
            struct pair p = va_arg(ap, struct pair);
            acc += p.a + p.b;
            break;
        }
        }
    }
    va_end(ap);
    return acc;
}

int main(void) {
    log_msg("info", "starting %s v%d.%d", "varargs", 1, 2);
    log_msg("warn", "%d%% done, %.2f remaining, char %c", 50, 0.5, 'x');
    log_msg("error", "int64 %lld uint64 %llu hex %llx", (long long)INT64_MIN,
            (unsigned long long)UINT64_MAX, 0x123456789abcdefULL);
    printf("sum_ints=%ld\n", sum_ints(6, 1, 2, 3, 4, 5, -6));
    printf("sum_ints(0)=%ld\n", sum_ints(0));
    printf("average=%.4f\n", average(4, 1.0, 2.5, 3.25, 10.125));
    char out[64];
    int k = concat(out, sizeof out, "alpha", "-", "beta", "-", "gamma", (const char *)0);
    printf("concat %d '%s'\n", k, out);
    struct pair p = {7, 1000000000000LL};
    printf("mixed=%lld\n", mixed(8, 1, 2LL, 0.35, p, 5, 6LL, 1.25, p));
    return 0;
}
