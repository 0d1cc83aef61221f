#include "trace.h"
#include <map>
#include <string>

Tracer late_200 __attribute__((init_priority(200)))("late.cpp:200");
Tracer late_default("late.cpp:default");
Tracer late_65535 __attribute__((init_priority(65535)))("late.cpp:65535");
Tracer late_1000 __attribute__((init_priority(1000)))("late.cpp:1000");

__attribute__((constructor)) static void c_style_default() { record("late.cpp:constructor"); }

// A dynamically initialized libc++ container at default priority.
std::map<std::string, int> late_table = {{"one", 1}, {"two", 2}, {"three", 3}};
static int late_table_size = [] {
    record("late.cpp:lambda-initializer");
    return static_cast<int>(late_table.size());
}();

int late_size() { return late_table_size; }
