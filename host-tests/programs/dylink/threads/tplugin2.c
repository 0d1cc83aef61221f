/* libtplugin2.so: opened by a worker thread, then called by the main thread. */
int tplugin2_data = 5;

int tplugin2_fn(int x) { return x + tplugin2_data * 1000; }
