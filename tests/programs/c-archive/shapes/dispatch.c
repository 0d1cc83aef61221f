#include <string.h>
#include "../archive.h"

extern int circle_count, square_count;

double shape_area(const char *kind, double x) {
    if (!strcmp(kind, "circle"))
        return circle_area(x);
    if (!strcmp(kind, "square"))
        return square_area(x);
    return -1;
}

int shapes_created(void) { return circle_count + square_count; }
