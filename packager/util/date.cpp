#include "util/date.hpp"

#include <cstdio>

namespace evpack {

std::string Date::to_string() const
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

std::optional<Date> Date::try_parse(const std::string& text)
{
    Date d;
    char tail = 0;
    if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &d.year, &d.month, &d.day, &tail) != 3) {
        return std::nullopt;
    }
    if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) {
        return std::nullopt;
    }
    return d;
}

} // namespace evpack
