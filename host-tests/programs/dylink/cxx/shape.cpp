// libshape.so: C++ (freestanding, no exceptions, no RTTI) with vtables used across the boundary.
#include "shape.h"

int shapes_constructed = 0;

Shape::Shape(int i) : id(i) { shapes_constructed++; }
const char *Shape::name() const { return "shape"; }

int Shape::describe() const {
    out(name());
    out(" #");
    out_int(id);
    out(" area ");
    out_int(area());
    nl();
    return area();
}

namespace {
struct Square : Shape {
    int side;
    explicit Square(int s) : Shape(100), side(s) {}
    int area() const override { return side * side; }
    const char *name() const override { return "square"; }
};

struct Logger {
    Logger() { out("ctor libshape: C++ static initialization\n"); }
};
Logger logger;
Square the_square(4);  // dynamic initialization in the library's constructors
}  // namespace

Shape *make_square(int side) {
    the_square.side = side;
    return &the_square;
}

int total_area(const Shape *const *shapes, int n) {
    int t = 0;
    for (int i = 0; i < n; i++)
        t += shapes[i]->area();
    return t;
}

extern "C" void __cxa_pure_virtual() { __builtin_trap(); }
