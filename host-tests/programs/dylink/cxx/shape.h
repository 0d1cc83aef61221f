// The interface libshape.so exports: a polymorphic base class whose vtable lives in the library.
#pragma once
#include "../dl.h"

struct Shape {
    int id;
    explicit Shape(int id);
    virtual int area() const = 0;
    virtual const char *name() const;  // the key function: Shape's vtable is emitted in libshape
    int describe() const;              // calls the virtual functions (across the boundary)
};

Shape *make_square(int side);
int total_area(const Shape *const *shapes, int n);
extern int shapes_constructed;
