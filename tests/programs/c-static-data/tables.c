#include "tables.h"

#define C(n) (((n) & 1) ? (0xEDB88320u ^ ((n) >> 1)) : ((n) >> 1))
#define R8(n) C(C(C(C(C(C(C(C(n))))))))
#define R2(n) R8(n), R8(n + 1)
#define R4(n) R2(n), R2(n + 2)
#define R16(n) R4(n), R4(n + 4), R4(n + 8), R4(n + 12)
#define R64(n) R16(n), R16(n + 16), R16(n + 32), R16(n + 48)
const uint32_t crc_table[256] = {R64(0), R64(64), R64(128), R64(192)};

const char *const names[] = {"alpha", "beta", "gamma", "delta", "epsilon"};
const int name_count = sizeof names / sizeof names[0];

int counter = 1000;
char scratch[65536];
int *const counter_ptr = &counter;

REGISTER(reg_tables_a, "tables-a", 10);
REGISTER(reg_tables_b, "tables-b", 20);

extern const struct item main_item;
const struct item *const item_ptrs[] = {&reg_tables_a, &main_item, &reg_tables_b};

uint32_t crc32(const void *data, unsigned len) {
    const unsigned char *p = data;
    uint32_t c = 0xFFFFFFFFu;
    while (len--)
        c = crc_table[(c ^ *p++) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

int bump(void) {
    static int calls; /* static local in bss */
    return ++calls + counter;
}
