#pragma once

#include <optional>
#include <string>
#include <tuple>

namespace evpack {

struct Date
{
    int year = 0;
    int month = 0;
    int day = 0;

    std::string to_string() const; // YYYY-MM-DD
    static std::optional<Date> try_parse(const std::string& text);
    // A date as people write it when they do not write YYYY-MM-DD: 2024/9/10, 2024.09.10,
    // 2024-9-10, 2024年9月10日. Only whole, valid dates; for telling a clerk how to write it.
    static std::optional<Date> try_parse_loose(const std::string& text);

    friend bool operator<(const Date& a, const Date& b)
    {
        return std::tie(a.year, a.month, a.day) < std::tie(b.year, b.month, b.day);
    }
    friend bool operator==(const Date& a, const Date& b)
    {
        return std::tie(a.year, a.month, a.day) == std::tie(b.year, b.month, b.day);
    }
    friend bool operator>(const Date& a, const Date& b) { return b < a; }
};

} // namespace evpack
