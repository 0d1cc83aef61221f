#ifndef WEAK_H
#define WEAK_H
const char *greeting(void);
const char *twice_weak(void);
int only_weak(void);
int alias_fn(int);
int real_impl(int);
int config_value(void);
int extra_entry(void);
extern int tunable;
#endif
