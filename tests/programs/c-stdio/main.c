/* stdio: printf family with many conversions, puts/putchar/fputs, snprintf, sscanf, stderr. */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>
#include <string.h>

int main(int argc, char **argv) {
    printf("argc=%d\n", argc);
    for (int i = 1; i < argc; i++)
        printf("arg[%d]=%s\n", i, argv[i]);

    printf("[%d] [%5d] [%-5d] [%05d] [%+d] [%x] [%#X] [%o]\n", 42, 42, 42, 42, 42, 255, 255, 8);
    printf("[%ld] [%lld] [%llu] [%" PRId64 "] [%" PRIx64 "]\n", -123456789L, -1234567890123LL,
           18446744073709551615ULL, INT64_MIN, UINT64_C(0xdeadbeefcafebabe));
    printf("[%f] [%.3f] [%10.2f] [%e] [%g] [%g] [%a]\n", 3.14159265358979, 2.0 / 3.0, -1.5,
           123456.789, 0.0001234, 1e20, 1.0);
    printf("[%s] [%10s] [%-10s] [%.3s] [%c] [%%]\n", "hello", "right", "left", "truncate", 'Z');
    printf("[%zu] [%td] [%hhd] [%hd]\n", sizeof(long long), (ptrdiff_t)-7, (signed char)300,
           (short)70000);

    char buf[64];
    int n = snprintf(buf, sizeof buf, "%s-%d-%.2f", "snp", 7, 1.005);
    printf("snprintf -> %d '%s'\n", n, buf);
    n = snprintf(buf, 8, "%s", "this is too long");
    printf("truncated -> %d '%s'\n", n, buf);

    int a, b;
    char word[16];
    double d;
    int got = sscanf("17 0x2a token 6.25", "%d %i %15s %lf", &a, &b, word, &d);
    printf("sscanf got=%d a=%d b=%d word=%s d=%.2f\n", got, a, b, word, d);

    puts("puts line");
    fputs("fputs line\n", stdout);
    for (const char *p = "putchar\n"; *p; p++)
        putchar(*p);
    fprintf(stderr, "this goes to stderr\n");

    /* A long line through the buffered stream. */
    for (int i = 0; i < 200; i++)
        printf("%c", 'a' + i % 26);
    printf("\n");
    fflush(stdout);
    return 0;
}
