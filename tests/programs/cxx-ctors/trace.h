#pragma once
#include <string>
#include <vector>

// Every static constructor calls record(); the log lives in a function-local static so it is
// usable from the earliest constructor (guarded initialization, __cxa_guard_*).
std::vector<std::string> &init_log();
void record(const char *what);

struct Tracer {
    const char *name;
    explicit Tracer(const char *n);
    ~Tracer();
};

int containers_demo();
int polymorphism_demo();
