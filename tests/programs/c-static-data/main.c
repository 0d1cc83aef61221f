/* Static data: initialized data, bss (must read as zero), const tables computed at compile
   time, pointers in data to data and to strings in other TUs, static locals, over-aligned
   objects, and a section-based registry using __start_/__stop_ symbols. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include "tables.h"

REGISTER(main_item, "main", 5);

static int zeroes[10000];              /* bss */
static double init_doubles[] = {1.5, -2.25, 1e300, 0.0};
static const char message[] = "static message";
static const char *const msg_ptr = message + 7; /* pointer into the middle of data */
static _Alignas(64) char aligned64[3] = {1, 2, 3};
static _Alignas(4096) int page_aligned = 77;
static struct {
    char c;
    long long ll;
    short s[3];
} mixed = {'m', 123456789012345LL, {1, 2, 3}};

extern const struct item __start_reg_items[];
extern const struct item __stop_reg_items[];

int main(void) {
    long zsum = 0;
    for (int i = 0; i < 10000; i++)
        zsum += zeroes[i];
    long ssum = 0;
    for (unsigned i = 0; i < sizeof scratch; i++)
        ssum += scratch[i];
    printf("bss sums: %ld %ld\n", zsum, ssum);
    zeroes[9999] = 5;
    memset(scratch, 1, sizeof scratch);
    ssum = 0;
    for (unsigned i = 0; i < sizeof scratch; i++)
        ssum += scratch[i];
    printf("after write: %d %ld\n", zeroes[9999], ssum);

    printf("crc_table[1]=%08x [255]=%08x\n", crc_table[1], crc_table[255]);
    printf("crc32(\"123456789\")=%08x\n", crc32("123456789", 9));
    for (int i = 0; i < name_count; i++)
        printf("name[%d]=%s\n", i, names[i]);
    printf("doubles: %g %g %g %g\n", init_doubles[0], init_doubles[1], init_doubles[2],
           init_doubles[3]);
    printf("msg_ptr=%s\n", msg_ptr);
    printf("mixed: %c %lld %d %d %d\n", mixed.c, mixed.ll, mixed.s[0], mixed.s[1], mixed.s[2]);
    printf("aligned64 ok=%d sum=%d\n", ((uintptr_t)aligned64 % 64) == 0,
           aligned64[0] + aligned64[1] + aligned64[2]);
    printf("page_aligned ok=%d value=%d\n", ((uintptr_t)&page_aligned % 4096) == 0, page_aligned);
    printf("counter via ptr=%d\n", *counter_ptr);
    *counter_ptr += 1;
    printf("bump=%d bump=%d\n", bump(), bump());

    for (int i = 0; i < 3; i++)
        printf("item_ptrs[%d]=%s/%d\n", i, item_ptrs[i]->name, item_ptrs[i]->weight);

    int n = (int)(__stop_reg_items - __start_reg_items);
    int total = 0;
    printf("registry entries=%d\n", n);
    printf("registry in link order:");
    for (const struct item *it = __start_reg_items; it < __stop_reg_items; it++)
        printf(" %s", it->name);
    printf("\n");
    for (int w = 0; w <= 100; w++)
        for (const struct item *it = __start_reg_items; it < __stop_reg_items; it++)
            if (it->weight == w) {
                printf("  reg %s %d\n", it->name, it->weight);
                total += it->weight;
            }
    printf("registry total=%d\n", total);
    return 0;
}
