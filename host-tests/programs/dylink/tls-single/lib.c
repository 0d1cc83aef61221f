/* libtls1.so: thread-local variables in a library built for threads (-matomics -mbulk-memory,
 * so clang keeps them thread-local) and linked without shared memory: one TLS block among the
 * library's data, reached from its __tls_base. */
#include "../dl.h"

_Thread_local int lib_counter = 41;
_Thread_local char lib_word[8] = "abcdefg";

int lib_next(void) { return ++lib_counter; }
int lib_letter(int i) { return lib_word[i]; }
