// A freestanding wasm64 program (Debian has no wasm64 libc): it calls WASI preview 1 directly,
// passing 32-bit views of its pointers (wasmtime's WASI takes i32 addresses, and this program's
// data lives below 4 GiB). It exercises 64-bit data relocations (pointers in data, function
// pointers in data and code through a table64), constructors, .bss and the stack pointer.

typedef unsigned long size_t;
typedef unsigned long uintptr_t;

__attribute__((import_module("wasi_snapshot_preview1"), import_name("fd_write")))
int fd_write(int fd, int iovs, int iovs_len, int nwritten);
__attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_exit")))
_Noreturn void proc_exit(int code);

// No libc: the compiler may still call these.
void *memcpy(void *dst, const void *src, size_t n) {
  char *d = dst;
  const char *s = src;
  while (n--) *d++ = *s++;
  return dst;
}
void *memset(void *dst, int c, size_t n) {
  char *d = dst;
  while (n--) *d++ = (char)c;
  return dst;
}

static struct { unsigned int buf, len; } iov;
static unsigned int written;

static size_t length(const char *s) {
  size_t n = 0;
  while (s[n]) n++;
  return n;
}

static void print(const char *s) {
  iov.buf = (unsigned int)(uintptr_t)s;
  iov.len = (unsigned int)length(s);
  fd_write(1, (int)(uintptr_t)&iov, 1, (int)(uintptr_t)&written);
}

static void print_num(const char *label, unsigned long v) {
  char buf[32];
  int i = 31;
  buf[i] = 0;
  do {
    buf[--i] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  print(label);
  print(&buf[i]);
  print("\n");
}

// Pointers in data: MEMORY_ADDR_I64 relocations.
static const char *const words[] = {"alpha", "beta", "gamma", "delta"};
static const char *const *const word_list = words;

// Function pointers in data and code: TABLE_INDEX_I64 and TABLE_INDEX_SLEB64, through a table64.
static int twice(int x) { return 2 * x; }
static int square(int x) { return x * x; }
static int negate(int x) { return -x; }
static int (*const ops[])(int) = {twice, square, negate};

__attribute__((noinline)) static int apply(int (*op)(int), int x) { return op(x); }

static char big[1 << 20];   // .bss
static int counter = 40;    // .data
static int ctor_ran;

__attribute__((constructor)) static void init(void) {
  ctor_ran = 1;
  counter += 2;
}

void _start(void) {
  print("hello from wasm64\n");
  for (int i = 0; i < 4; i++) {
    print(word_list[i]);
    print(i < 3 ? " " : "\n");
  }
  int acc = 3;
  for (unsigned i = 0; i < sizeof ops / sizeof ops[0]; i++) acc = apply(ops[i], acc);
  print_num("ops: ", (unsigned long)(acc < 0 ? -acc : acc));
  print_num("same function pointer: ", apply(square, 5) == ops[1](5) && ops[1] == square);
  big[12345] = 7;
  memset(big, 1, 100);
  print_num("bss: ", big[12345] + big[99] + big[100]);
  print_num("constructor: ", ctor_ran);
  print_num("counter: ", counter);
  char local[64];
  memcpy(local, "stack copy ok\n", 15);
  print(local);
  print_num("address of big > 0: ", (uintptr_t)big > 0);
  proc_exit(counter - 30);
}
