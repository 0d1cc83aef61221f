// The main module: classes derived from libshape's Shape, called from the library through their
// vtables, and the library's classes called from here through theirs.
#include "shape.h"

extern "C" void __wasm_call_ctors(void);

namespace {
struct Circle : Shape {
    int r;
    explicit Circle(int r) : Shape(7), r(r) {}
    int area() const override { return 3 * r * r; }
    const char *name() const override { return "circle"; }
};

// Does not override name(): its vtable holds libshape's Shape::name.
struct Blob : Shape {
    Blob() : Shape(9) {}
    int area() const override { return 11; }
};

struct MainInit {
    MainInit() { out("ctor main: C++ static initialization\n"); }
};
MainInit main_init;
Circle circle(2);
Blob blob;
}  // namespace

extern "C" void _start(void) {
    __wasm_call_ctors();
    out("shapes constructed before _start: ");
    out_int(shapes_constructed);
    nl();
    circle.describe();  // library code calling main's overrides
    blob.describe();    // main's vtable pointing into the library
    Shape *sq = make_square(5);
    out("main calls the library's override: ");
    out(sq->name());
    out(" ");
    out_int(sq->area());
    nl();
    sq->describe();
    const Shape *all[] = {&circle, &blob, sq};
    out("total area ");
    out_int(total_area(all, 3));
    nl();
}
