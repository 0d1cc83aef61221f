#include "weak.h"

const char *greeting(void) { return "strong greeting"; }
int tunable = 9;
