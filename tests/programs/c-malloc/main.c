/* malloc/calloc/realloc/free: a linked list, a growing buffer, a hash table of strings, plus a
   deep recursion that needs the 1 MiB stack requested with -Wl,-z,stack-size (the default
   64 KiB would overflow into static data). Never prints addresses: they may legitimately
   differ between linkers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node {
    int value;
    struct node *next;
};

static struct node *push(struct node *head, int v) {
    struct node *n = malloc(sizeof *n);
    if (!n) {
        puts("malloc failed");
        exit(1);
    }
    n->value = v;
    n->next = head;
    return n;
}

static char *dupstr(const char *s) {
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    memcpy(p, s, n);
    return p;
}

#define BUCKETS 64
struct entry {
    char *key;
    int count;
    struct entry *next;
};

static unsigned hash(const char *s) {
    unsigned h = 2166136261u;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 16777619u;
    return h;
}

static unsigned long recurse(int depth) {
    volatile unsigned char frame[128];
    for (int i = 0; i < 128; i++)
        frame[i] = (unsigned char)(depth + i);
    if (depth == 0)
        return frame[5];
    unsigned long below = recurse(depth - 1);
    return below + frame[depth % 128];
}

int main(void) {
    /* Linked list. */
    struct node *head = NULL;
    for (int i = 1; i <= 10000; i++)
        head = push(head, i * 3 % 1001);
    long sum = 0, len = 0;
    for (struct node *n = head; n; n = n->next) {
        sum += n->value;
        len++;
    }
    printf("list len=%ld sum=%ld\n", len, sum);
    while (head) {
        struct node *next = head->next;
        free(head);
        head = next;
    }

    /* Growing buffer with realloc. */
    size_t cap = 1, used = 0;
    char *buf = malloc(cap);
    for (int i = 0; i < 5000; i++) {
        char tmp[16];
        int n = snprintf(tmp, sizeof tmp, "%d;", i);
        if (used + (size_t)n + 1 > cap) {
            cap *= 2;
            buf = realloc(buf, cap);
            if (!buf) {
                puts("realloc failed");
                return 1;
            }
        }
        memcpy(buf + used, tmp, (size_t)n);
        used += (size_t)n;
        buf[used] = 0;
    }
    unsigned check = hash(buf);
    printf("buffer used=%zu cap=%zu hash=%08x tail=%s\n", used, cap, check, buf + used - 10);
    buf = realloc(buf, 16);
    buf[15] = 0;
    printf("shrunk prefix=%s\n", buf);
    free(buf);

    /* calloc must zero. */
    int *z = calloc(4096, sizeof *z);
    long zsum = 0;
    for (int i = 0; i < 4096; i++)
        zsum += z[i];
    printf("calloc zero sum=%ld\n", zsum);
    free(z);

    /* Word counting hash table. */
    struct entry *table[BUCKETS] = {0};
    const char *text = "the quick brown fox jumps over the lazy dog the fox the end";
    char *copy = dupstr(text);
    for (char *w = strtok(copy, " "); w; w = strtok(NULL, " ")) {
        unsigned b = hash(w) % BUCKETS;
        struct entry *e = table[b];
        while (e && strcmp(e->key, w))
            e = e->next;
        if (!e) {
            e = calloc(1, sizeof *e);
            e->key = dupstr(w);
            e->next = table[b];
            table[b] = e;
        }
        e->count++;
    }
    free(copy);
    int distinct = 0;
    for (int b = 0; b < BUCKETS; b++)
        for (struct entry *e = table[b]; e; e = e->next) {
            distinct++;
            if (e->count > 1)
                printf("word '%s' x%d\n", e->key, e->count);
        }
    printf("distinct=%d\n", distinct);
    for (int b = 0; b < BUCKETS; b++)
        while (table[b]) {
            struct entry *next = table[b]->next;
            free(table[b]->key);
            free(table[b]);
            table[b] = next;
        }

    /* Many small allocations of varying size, freed out of order. */
    void *ptrs[512];
    for (int i = 0; i < 512; i++) {
        ptrs[i] = malloc((size_t)(i * 37 % 700) + 1);
        memset(ptrs[i], i & 0xff, (size_t)(i * 37 % 700) + 1);
    }
    unsigned long acc = 0;
    for (int i = 0; i < 512; i += 2) {
        acc += ((unsigned char *)ptrs[i])[0];
        free(ptrs[i]);
    }
    for (int i = 1; i < 512; i += 2) {
        acc += ((unsigned char *)ptrs[i])[(i * 37 % 700)];
        free(ptrs[i]);
    }
    printf("scatter acc=%lu\n", acc);

    printf("deep recursion=%lu\n", recurse(2500));
    return 0;
}
