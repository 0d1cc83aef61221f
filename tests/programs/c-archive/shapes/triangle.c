/* Referenced only from libtext.a(banner.o), which comes after libshapes.a on the command line:
   wasm-ld (like all lld ports) still extracts it. */
#include "../archive.h"
double triangle_area(double b, double h) { return 0.5 * b * h; }
