/* Objects pulled from static archives through -L/-l: libshapes.a has a symbol index
   (llvm-ar rcs), libtext.a has none (llvm-ar rcS). Checks lazy extraction, constructors of
   extracted members, unextracted members staying out, and a reference from a later archive
   back into an earlier one. */
#include <stdio.h>
#include "archive.h"

int main(void) {
    printf("circle(2)=%.4f\n", shape_area("circle", 2.0));
    printf("square(3)=%.1f\n", shape_area("square", 3.0));
    printf("unknown=%.1f\n", shape_area("hexagon", 1.0));
    printf("created=%d\n", shapes_created());
    char banner[128];
    text_banner(banner, sizeof banner, "archives work");
    printf("%s\n", banner);
    char word[] = "shout";
    text_upper(word);
    printf("%s\n", word);
    return 0;
}
