// The bundled example the README's main job links with the wasmlink
// component: stdio, static data, a constructor and a function pointer.
#include <stdio.h>
#include <stdlib.h>

static int squares[8];
static const char *greeting = "hello from a module linked by wasmlink";

__attribute__((constructor)) static void fill(void) {
    for (int i = 0; i < 8; i++) squares[i] = i * i;
}

static int cmp(const void *a, const void *b) { return *(const int *)b - *(const int *)a; }

int main(void) {
    qsort(squares, 8, sizeof squares[0], cmp);
    printf("%s\n", greeting);
    for (int i = 0; i < 8; i++) printf("%d%c", squares[i], i == 7 ? '\n' : ' ');
    return 0;
}
