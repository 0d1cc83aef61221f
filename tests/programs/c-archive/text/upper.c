#include <ctype.h>
#include "../archive.h"
void text_upper(char *s) {
    for (; *s; s++)
        *s = (char)toupper((unsigned char)*s);
}
