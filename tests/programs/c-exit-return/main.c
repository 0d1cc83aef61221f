/* Non-zero exit status by returning from main; output must be flushed first. */
#include <stdio.h>

int main(int argc, char **argv) {
    printf("returning %d after %d args\n", 3 + argc - 1, argc - 1);
    printf("no newline at the end");
    return 3 + argc - 1;
}
