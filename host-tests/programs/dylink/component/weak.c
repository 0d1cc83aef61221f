/* Definitions for libmid.so's weak undefined symbols: `wasm-tools component link` (1.262) does
 * not resolve an undefined weak import to null, as the dynamic loader does, so this component
 * gives it definitions. */
int optional_data;
void optional_feature(void) {}
