#ifndef LOG_H
#define LOG_H
#include <stdarg.h>

void log_msg(const char *level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void vlog_msg(const char *level, const char *fmt, va_list ap);
long sum_ints(int count, ...);
double average(int count, ...);
int concat(char *out, unsigned cap, ...); /* NULL-terminated list of strings */
#endif
