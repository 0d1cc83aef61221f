#ifndef ARCHIVE_H
#define ARCHIVE_H
double circle_area(double r);
double square_area(double s);
double triangle_area(double b, double h);
double shape_area(const char *kind, double x);
int shapes_created(void);
void text_upper(char *s);
void text_banner(char *out, unsigned cap, const char *title);
#endif
