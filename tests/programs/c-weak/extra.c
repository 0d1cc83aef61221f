/* Archive member pulled in by the strong reference to extra_entry; it also satisfies the weak
   undefined maybe_feature. */
int extra_entry(void) { return 3; }
int maybe_feature(void) { return 42; }
