#ifndef TABLES_H
#define TABLES_H
#include <stdint.h>

struct item {
    const char *name;
    int weight;
};

/* Registry entries are placed in the "reg_items" section from several TUs; the linker
   synthesizes __start_reg_items / __stop_reg_items around them. */
#define REGISTER(id, nm, w) \
    __attribute__((used, section("reg_items"))) const struct item id = {nm, w}

extern const uint32_t crc_table[256];
extern const char *const names[];
extern const int name_count;
extern int counter;                /* initialized data in tables.c */
extern char scratch[65536];        /* bss in tables.c */
extern const struct item *const item_ptrs[]; /* pointers into another TU's data */
extern int *const counter_ptr;     /* data pointer to data */

uint32_t crc32(const void *data, unsigned len);
int bump(void);
#endif
