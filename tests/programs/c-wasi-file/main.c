/* WASI file I/O: read a data file from a preopened directory, write a new file, read it back,
   stat it, append, and list the directory (sorted). The directory is mapped to /data. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int cmp(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : "/data";
    char path[256];

    snprintf(path, sizeof path, "%s/input.txt", dir);
    FILE *f = fopen(path, "r");
    if (!f) {
        printf("cannot open %s: %s\n", path, strerror(errno));
        return 2;
    }
    char line[256];
    int lines = 0;
    long total = 0;
    while (fgets(line, sizeof line, f)) {
        lines++;
        line[strcspn(line, "\n")] = 0;
        int v;
        if (sscanf(line, "%*s %d", &v) == 1)
            total += v;
        printf("line %d: %s\n", lines, line);
    }
    fclose(f);
    printf("lines=%d total=%ld\n", lines, total);

    snprintf(path, sizeof path, "%s/output.txt", dir);
    f = fopen(path, "w");
    if (!f) {
        printf("cannot create %s: %s\n", path, strerror(errno));
        return 3;
    }
    fprintf(f, "lines=%d\ntotal=%ld\n", lines, total);
    fclose(f);

    int fd = open(path, O_WRONLY | O_APPEND);
    if (fd < 0) {
        printf("open append failed: %s\n", strerror(errno));
        return 4;
    }
    write(fd, "appended\n", 9);
    close(fd);

    struct stat st;
    if (stat(path, &st) == 0)
        printf("output size=%lld regular=%d\n", (long long)st.st_size, S_ISREG(st.st_mode));
    f = fopen(path, "r");
    size_t n = fread(line, 1, sizeof line - 1, f);
    line[n] = 0;
    fclose(f);
    printf("output contents:\n%s", line);

    snprintf(path, sizeof path, "%s/missing.txt", dir);
    printf("missing: %s\n", fopen(path, "r") ? "exists?!" : strerror(errno));

    DIR *d = opendir(dir);
    if (!d) {
        printf("opendir failed: %s\n", strerror(errno));
        return 5;
    }
    char *entries[64];
    int ne = 0;
    struct dirent *e;
    while ((e = readdir(d)) && ne < 64)
        if (e->d_name[0] != '.')
            entries[ne++] = strdup(e->d_name);
    closedir(d);
    qsort(entries, (size_t)ne, sizeof entries[0], cmp);
    for (int i = 0; i < ne; i++) {
        printf("entry %s\n", entries[i]);
        free(entries[i]);
    }
    return 0;
}
