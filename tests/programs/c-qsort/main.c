/* qsort / bsearch with comparators defined in another translation unit (function pointers
   passed across TUs into libc). Built with -g to carry DWARF sections through the link. */
#include <stdio.h>
#include <stdlib.h>
#include "sortutil.h"

#define N 1000

static int big[N];

int main(void) {
    int small[] = {5, -3, 99, 0, 42, 7, 7, -100, 13};
    size_t ns = sizeof small / sizeof small[0];
    qsort(small, ns, sizeof small[0], cmp_int_asc);
    print_ints("asc", small, ns);
    qsort(small, ns, sizeof small[0], cmp_int_desc);
    print_ints("desc", small, ns);

    const char *words[] = {"pear", "apple", "fig", "banana", "cherry", "date", "apple"};
    size_t nw = sizeof words / sizeof words[0];
    qsort(words, nw, sizeof words[0], cmp_str);
    for (size_t i = 0; i < nw; i++)
        printf("%s%s", i ? "," : "words: ", words[i]);
    printf("\n");
    const char *key = "cherry";
    const char **hit = bsearch(&key, words, nw, sizeof words[0], cmp_str);
    printf("bsearch cherry -> index %d\n", hit ? (int)(hit - words) : -1);

    struct person people[] = {
        {"zoe", 30, 1.5}, {"adam", 25, 2.5}, {"bob", 30, 3.5}, {"carl", 18, 0.5}, {"amy", 25, 9.0},
    };
    size_t np = sizeof people / sizeof people[0];
    qsort(people, np, sizeof people[0], cmp_person);
    for (size_t i = 0; i < np; i++)
        printf("person %s %d %.1f\n", people[i].name, people[i].age, people[i].score);

    unsigned st = 12345;
    for (int i = 0; i < N; i++)
        big[i] = (int)lcg_next(&st) - 16384;
    qsort(big, N, sizeof big[0], cmp_int_asc);
    long long sum = 0;
    int sorted = 1;
    for (int i = 0; i < N; i++) {
        sum += (long long)big[i] * (i + 1);
        if (i && big[i - 1] > big[i])
            sorted = 0;
    }
    printf("big sorted=%d min=%d max=%d weighted=%lld\n", sorted, big[0], big[N - 1], sum);
    int probe = big[N / 3];
    int *found = bsearch(&probe, big, N, sizeof big[0], cmp_int_asc);
    printf("bsearch big -> %s\n", found && *found == probe ? "found" : "missing");
    return 0;
}
