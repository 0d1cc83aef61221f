#include <algorithm>
#include <vector>
#include <string>
#include <map>
#include <unordered_map>
#include <set>
#include <memory>
#include <functional>
#include <sstream>
#include <iostream>
#include <optional>
#include <variant>
#include <tuple>
#include <numeric>
#include <deque>
#include <list>
#include <array>
#include <string_view>
#include <charconv>
#include <regex>
struct P { int a; std::string b; bool operator<(const P& o) const { return a < o.a; } };
int main(int argc, char** argv) {
  std::vector<P> v; for (int i = 0; i < argc; i++) v.push_back({i, argv[i]});
  std::sort(v.begin(), v.end()); std::stable_sort(v.begin(), v.end());
  std::map<std::string, int> m; std::unordered_map<int, std::string> um; std::set<P> s(v.begin(), v.end());
  for (auto& p : v) { m[p.b] = p.a; um.emplace(p.a, p.b); }
  auto sp = std::make_shared<P>(P{1, "x"}); std::unique_ptr<P> up(new P{2, "y"});
  std::function<int(int)> f = [&](int x) { return x + (int)m.size(); };
  std::ostringstream os; os << f(3) << sp->b << up->a; std::cout << os.str() << "\n";
  std::optional<int> o = 3; std::variant<int, std::string> var = std::string("s");
  std::visit([](auto&& x) { std::cout << sizeof(x); }, var);
  auto t = std::make_tuple(1, 2.0, std::string("z")); std::apply([](auto... xs) { ((std::cout << sizeof(xs)), ...); }, t);
  std::deque<int> dq(5); std::iota(dq.begin(), dq.end(), 0); std::list<int> li(dq.begin(), dq.end()); li.sort();
  std::array<int, 4> ar{4, 3, 2, 1}; std::sort(ar.begin(), ar.end());
  std::string_view sv = "123"; int val; std::from_chars(sv.data(), sv.data() + sv.size(), val);
  std::regex re("a+b"); bool mt = std::regex_match("aab", re);
  return (int)(*o + val + mt + std::accumulate(li.begin(), li.end(), 0));
}
