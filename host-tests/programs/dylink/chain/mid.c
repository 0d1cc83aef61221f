/* libmid.so: needs libbase.so; holds pointers to libbase's data and functions in its data. */
#include "../dl.h"

extern int base_counter;
extern int base_array[];
extern int base_ctor_ran;
int base_add(int, int);

int *mid_ptr = &base_counter;
int *mid_elem = &base_array[2];
int (*mid_fp)(int, int) = base_add;
int mid_value;

/* Defined nowhere: weak undefined symbols resolve to null. */
extern void optional_feature(void) __attribute__((weak));
extern int optional_data __attribute__((weak));

int (*mid_get_fp(void))(int, int) { return base_add; }
int mid_has_optional(void) { return optional_feature != 0; }
int mid_has_optional_data(void) { return &optional_data != 0; }

__attribute__((constructor)) static void mid_ctor(void) {
    out("ctor mid: base ctor ran ");
    out_yes(base_ctor_ran);
    out(", base_counter ");
    out_int(base_counter);
    nl();
    mid_value = base_add(base_counter, 1);
}
