#include "trace.h"
#include <algorithm>
#include <cstdio>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <numeric>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

int containers_demo() {
    std::vector<int> v;
    for (int i = 0; i < 50; i++)
        v.push_back((i * 37) % 101);
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    long sum = std::accumulate(v.begin(), v.end(), 0L);
    std::printf("vector size=%zu front=%d back=%d sum=%ld\n", v.size(), v.front(), v.back(), sum);

    std::map<std::string, int> freq;
    std::string text = "to be or not to be that is the question to ask";
    std::istringstream in(text);
    for (std::string w; in >> w;)
        freq[w]++;
    for (const auto &kv : freq)
        std::printf("freq %s=%d\n", kv.first.c_str(), kv.second);

    std::unordered_map<int, std::string> um;
    for (int i = 0; i < 100; i++)
        um[i * i] = std::to_string(i);
    std::set<int> keys;
    for (const auto &kv : um)
        if (kv.first % 7 == 0)
            keys.insert(kv.first);
    std::string joined;
    for (int k : keys)
        joined += um[k] + ",";
    std::printf("unordered size=%zu sevens=%s\n", um.size(), joined.c_str());

    std::string s = "Hello";
    s += ", World";
    s.insert(5, "!!");
    std::string upper = s;
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
    std::printf("string '%s' upper '%s' find=%zu substr='%s'\n", s.c_str(), upper.c_str(), s.find("World"),
                s.substr(2, 5).c_str());

    std::vector<std::function<int(int)>> fns = {[](int x) { return x + 1; }, [](int x) { return x * x; },
                                                 std::negate<int>()};
    int acc = 3;
    for (auto &f : fns)
        acc = f(acc);
    std::printf("functions acc=%d\n", acc);

    auto shared = std::make_shared<std::vector<std::string>>(3, "x");
    auto copy = shared;
    copy->push_back("y");
    std::unique_ptr<int[]> arr(new int[10]());
    arr[3] = 4;
    std::printf("shared use_count=%ld size=%zu arr3=%d\n", shared.use_count(), shared->size(), arr[3]);

    std::ostringstream os;
    os << "stream " << 42 << ' ' << 2.5 << ' ' << std::hex << 255;
    std::cout << os.str() << std::endl;
    return static_cast<int>(v.size());
}
