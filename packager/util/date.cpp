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

std::optional<Date> Date::try_parse_loose(const std::string& text)
{
    // Digits, then separators, three times; 年, 月 and 日 are separators too.
    int parts[3] = {0, 0, 0};
    int digits[3] = {0, 0, 0};
    std::size_t i = 0;
    auto skip_separator = [&](bool required) {
        std::size_t start = i;
        while (i < text.size() && (text[i] == ' ' || text[i] == '/' || text[i] == '.' || text[i] == '-')) {
            ++i;
        }
        for (const char* word : {"\xE5\xB9\xB4", "\xE6\x9C\x88", "\xE6\x97\xA5"}) { // 年 月 日
            if (text.compare(i, 3, word) == 0) {
                i += 3;
            }
        }
        while (i < text.size() && text[i] == ' ') {
            ++i;
        }
        return !required || i > start;
    };
    for (int k = 0; k < 3; ++k) {
        if (k > 0 && !skip_separator(true)) {
            return std::nullopt;
        }
        while (i < text.size() && text[i] >= '0' && text[i] <= '9' && digits[k] < 4) {
            parts[k] = parts[k] * 10 + (text[i] - '0');
            ++digits[k];
            ++i;
        }
    }
    skip_separator(false);
    if (i != text.size() || digits[0] != 4 || digits[1] < 1 || digits[1] > 2 || digits[2] < 1 || digits[2] > 2) {
        return std::nullopt;
    }
    Date d{parts[0], parts[1], parts[2]};
    if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) {
        return std::nullopt;
    }
    return d;
}

} // namespace evpack
