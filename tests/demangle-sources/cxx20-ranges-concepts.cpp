#include <ranges>
#include <span>
#include <algorithm>
#include <vector>
#include <string>
#include <map>
#include <random>
#include <chrono>
#include <iomanip>
#include <sstream>
#include <iostream>
#include <numeric>
#include <concepts>
#include <memory>
#include <functional>
#include <bit>
#include <compare>
struct V { int x; auto operator<=>(const V&) const = default; };
template <std::integral T> T sq(T t) { return t * t; }
template <class R> requires std::ranges::range<R> auto total(R&& r) { int s = 0; for (auto&& x : r) s += x; return s; }
// C++20 lambdas with explicit template parameters.
inline auto tl_type = []<class T>(T t) { return t; };
inline auto tl_two = []<class T, class U>(T t, U) { return t; };
inline auto tl_value = []<int N>(int x) { return x + N; };
inline auto tl_concept = []<std::integral T>(T t, auto) { return t; };
inline auto tl_pack = []<class... Ts>(Ts...) { return sizeof...(Ts); };
template <template <class> class X> struct Holder {};
template <class T> struct Wrap {};
inline auto tl_template = []<template <class> class X>(Holder<X>) { return 0; };
int lambdas() { return tl_type(1) + tl_two(1, 2) + tl_value.operator()<3>(1) + tl_concept(1, 2) + (int)tl_pack(1, 2) + tl_template(Holder<Wrap>{}); }
int main(int argc, char** argv) {
  std::vector<int> v{5, 3, 1, 4};
  std::ranges::sort(v); auto even = v | std::views::filter([](int x) { return x % 2 == 0; }) | std::views::transform([](int x) { return x * 3; });
  int t = total(even); std::span<int> sp(v); t += std::ranges::count(sp, 3);
  std::mt19937 g(42); std::uniform_int_distribution<int> d(1, 6); t += d(g);
  std::map<V, std::string> m{{V{1}, "a"}}; std::vector<V> vv{{3}, {1}}; std::ranges::sort(vv);
  std::ostringstream os; os << std::setw(5) << std::hex << t << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::seconds(2)).count();
  auto up = std::make_unique<std::vector<std::string>>(argv, argv + argc);
  std::ranges::reverse(*up); auto it = std::ranges::find_if(*up, [](const std::string& s) { return s.size() > 2; });
  std::cout << os.str() << sq(3) << sq(4L) << std::popcount(7u) << (it != up->end()) << m.size() << "\n";
  std::vector<int> r(v.rbegin(), v.rend()); return (int)(r == v) + t + lambdas();
}
