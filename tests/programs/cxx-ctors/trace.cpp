#include "trace.h"
#include <cstdio>

std::vector<std::string> &init_log() {
    static std::vector<std::string> log;
    return log;
}

void record(const char *what) {
    init_log().push_back(what);
    std::printf("ctor %s\n", what);
}

Tracer::Tracer(const char *n) : name(n) { record(n); }
Tracer::~Tracer() { std::printf("dtor %s\n", name); }

// Same priorities as in the other translation units: ties are broken by link order.
Tracer trace_300 __attribute__((init_priority(300)))("trace.cpp:300");
Tracer trace_default("trace.cpp:default");
