// C++ static initialization across translation units with init_priority, C-style
// constructor(N) functions, guarded function-local statics, libc++ containers, virtual
// dispatch, and destructors of globals at exit. Built with -fno-exceptions.
#include "trace.h"
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

int late_size();

Tracer main_101 __attribute__((init_priority(101)))("main.cpp:101");
Tracer main_default("main.cpp:default");

struct Shape {
    virtual ~Shape() = default;
    virtual double area() const = 0;
    virtual const char *name() const { return "shape"; }
};
struct Rect : Shape {
    double w, h;
    Rect(double w, double h) : w(w), h(h) {}
    double area() const override { return w * h; }
    const char *name() const override { return "rect"; }
};
struct Square : Rect {
    explicit Square(double s) : Rect(s, s) {}
    const char *name() const override { return "square"; }
};
struct Circle : Shape {
    double r;
    explicit Circle(double r) : r(r) {}
    double area() const override { return 3.14159 * r * r; }
};

template <typename T> T sum_all(const std::vector<T> &v) {
    T t{};
    for (const auto &x : v)
        t += x;
    return t;
}

int polymorphism_demo() {
    std::vector<std::unique_ptr<Shape>> shapes;
    shapes.emplace_back(new Rect(2, 3));
    shapes.emplace_back(new Square(4));
    shapes.emplace_back(new Circle(1));
    double total = 0;
    for (const auto &s : shapes) {
        std::printf("%s area %.3f\n", s->name(), s->area());
        total += s->area();
    }
    std::printf("total area %.3f sum_all=%d %.1f\n", total, sum_all(std::vector<int>{1, 2, 3}),
                sum_all(std::vector<double>{0.5, 0.25}));
    return static_cast<int>(shapes.size());
}

int main() {
    std::printf("main: %zu constructors ran before main\n", init_log().size());
    for (size_t i = 0; i < init_log().size(); i++)
        std::printf("  %2zu %s\n", i, init_log()[i].c_str());
    std::printf("late_size=%d\n", late_size());
    int c = containers_demo();
    int p = polymorphism_demo();
    std::printf("main done %d %d\n", c, p);
    return 0;
}
