#include "trace.h"
#include <cstdio>

Tracer early_101 __attribute__((init_priority(101)))("early.cpp:101");
Tracer early_300 __attribute__((init_priority(300)))("early.cpp:300");
Tracer early_default("early.cpp:default");
Tracer early_2000 __attribute__((init_priority(2000)))("early.cpp:2000");

__attribute__((constructor(150))) static void c_style_150() { record("early.cpp:constructor(150)"); }
__attribute__((destructor(150))) static void c_style_dtor_150() { std::printf("destructor(150) early.cpp\n"); }
