#include "util/number.hpp"

#include <cmath>
#include <cstdio>

namespace evpack::util {

std::string format_number(double v)
{
    char buf[40];
    if (std::isfinite(v) && v == std::floor(v) && std::abs(v) < 1e15) {
        std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
        return buf;
    }
    std::snprintf(buf, sizeof buf, "%.6f", v);
    std::string s(buf);
    if (s.find('.') != std::string::npos) {
        s.erase(s.find_last_not_of('0') + 1);
        if (s.back() == '.') {
            s.pop_back();
        }
    }
    return s;
}

} // namespace evpack::util
