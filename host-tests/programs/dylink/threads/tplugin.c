/* libtplugin.so: opened by the main thread while the workers run; has TLS of its own. */
_Thread_local int tp_calls = 7;

int tplugin_fn(int x) { return x * 10 + (++tp_calls); }
