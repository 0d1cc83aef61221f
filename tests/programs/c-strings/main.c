/* <string.h>, <ctype.h> and <stdlib.h> conversions. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void reverse(char *s) {
    for (size_t i = 0, j = strlen(s); i + 1 < j; i++, j--) {
        char t = s[i];
        s[i] = s[j - 1];
        s[j - 1] = t;
    }
}

int main(void) {
    const char *text = "The Quick Brown Fox Jumps Over The Lazy Dog";
    printf("strlen=%zu\n", strlen(text));
    printf("strchr=%s\n", strchr(text, 'Q'));
    printf("strrchr=%s\n", strrchr(text, 'T'));
    printf("strstr=%s\n", strstr(text, "Fox"));
    printf("strstr missing=%d\n", strstr(text, "cat") == NULL);
    printf("strcmp=%d %d %d\n", strcmp("abc", "abd") < 0, strcmp("b", "a") > 0, strcmp("x", "x"));
    printf("strncmp=%d strcasecmp=%d\n", strncmp("hello", "help", 3), strcasecmp("HeLLo", "hello"));
    printf("strspn=%zu strcspn=%zu\n", strspn("aaabbbccc", "ab"), strcspn("hello world", " "));
    printf("strpbrk=%s\n", strpbrk("key=value;x", "=;"));

    char buf[128];
    strcpy(buf, "copy");
    strcat(buf, "+cat");
    strncat(buf, "+ncat-truncated", 5);
    printf("buf=%s\n", buf);
    memset(buf, 0, sizeof buf);
    strncpy(buf, "strncpy", 3);
    printf("strncpy=%s\n", buf);

    char moving[] = "0123456789";
    memmove(moving + 2, moving, 5);
    printf("memmove fwd=%s\n", moving);
    memmove(moving, moving + 3, 5);
    printf("memmove back=%s\n", moving);
    printf("memcmp=%d memchr=%s\n", memcmp("abc", "abd", 3) < 0, (char *)memchr(text, 'J', strlen(text)));

    char tokens[] = "a,b;;c , d";
    int count = 0;
    for (char *t = strtok(tokens, ",; "); t; t = strtok(NULL, ",; "))
        printf("token[%d]=%s\n", count++, t);

    char up[64];
    size_t i = 0;
    for (; text[i] && i < sizeof up - 1; i++)
        up[i] = (char)(isalpha((unsigned char)text[i]) ? toupper((unsigned char)text[i]) : '_');
    up[i] = 0;
    printf("upper=%s\n", up);
    int alpha = 0, space = 0, digit = 0;
    for (const char *p = "abc 123 \tXYZ!"; *p; p++) {
        alpha += isalpha((unsigned char)*p) != 0;
        space += isspace((unsigned char)*p) != 0;
        digit += isdigit((unsigned char)*p) != 0;
    }
    printf("classes alpha=%d space=%d digit=%d\n", alpha, space, digit);

    char *dup = strdup("palindrome");
    reverse(dup);
    printf("reversed=%s\n", dup);
    free(dup);

    char *end;
    printf("strtol=%ld end='%s'\n", strtol("  -12345xyz", &end, 10), end);
    printf("strtol hex=%ld oct=%ld\n", strtol("0x1F", NULL, 16), strtol("0755", NULL, 0));
    printf("strtoul=%lu\n", strtoul("4294967295", NULL, 10));
    printf("strtoll=%lld\n", strtoll("-9223372036854775807", NULL, 10));
    errno = 0;
    long big = strtol("99999999999999999999", NULL, 10);
    printf("overflow=%d erange=%d\n", big == __LONG_MAX__, errno == ERANGE);
    printf("strtod=%.6f %.3e\n", strtod("3.14159abc", &end), strtod("-2.5e-3", NULL));
    printf("atoi=%d atof=%.2f\n", atoi("  42 apples"), atof("1.25"));
    printf("strerror(ENOENT)=%s\n", strerror(ENOENT));
    return 0;
}
