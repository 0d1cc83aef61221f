#include <stdio.h>
#include "../archive.h"

int circle_count;

/* Runs because this member is extracted (main needs shape_area -> circle_area). */
__attribute__((constructor)) static void circle_init(void) { printf("circle member initialized\n"); }

double circle_area(double r) {
    circle_count++;
    return 3.141592653589793 * r * r;
}
