/* The main module (-pie, no shared memory) with thread-local variables of its own, using
 * libtls1.so's. Neither module is loaded at address 0, so each __tls_base must be its
 * __memory_base plus its TLS block's offset. */
#include "../dl.h"

int lib_next(void);
int lib_letter(int i);

_Thread_local int main_tv = 7;
_Thread_local int main_table[3] = {11, 22, 33};
int main_plain = 99;

void _start(void) {
    main_table[1] += main_tv;
    out("main's thread-locals: ");
    out_yes(main_tv == 7 && main_table[0] == 11 && main_table[1] == 29 && main_table[2] == 33);
    nl();
    out("the library's: ");
    out_yes(lib_next() == 42 && lib_next() == 43 && lib_letter(3) == 'd');
    nl();
    out("plain data: ");
    out_yes(main_plain == 99);
    nl();
}
