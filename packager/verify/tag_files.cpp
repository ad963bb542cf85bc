#include "verify/checks.hpp"

#include <algorithm>
#include <cctype>

namespace evpack::verify {

std::vector<std::string> tag_lines(const std::string& text)
{
    std::vector<std::string> lines;
    std::size_t at = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
    while (at < text.size()) {
        std::size_t end = text.find_first_of("\r\n", at);
        if (end == std::string::npos) {
            lines.push_back(text.substr(at));
            break;
        }
        lines.push_back(text.substr(at, end - at));
        at = end + (text.compare(end, 2, "\r\n") == 0 ? 2 : 1);
    }
    return lines;
}

std::vector<std::string> split_fields(const std::string& line, std::size_t n)
{
    std::vector<std::string> out;
    std::size_t at = line.find_first_not_of(" \t");
    while (at != std::string::npos && out.size() + 1 < n) {
        std::size_t end = line.find_first_of(" \t", at);
        out.push_back(line.substr(at, end - at));
        at = end == std::string::npos ? end : line.find_first_not_of(" \t", end);
    }
    if (at != std::string::npos && n > 0) {
        out.push_back(line.substr(at));
    }
    return out;
}

std::string ascii_lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char ch) { return static_cast<char>(ch < 0x80 ? std::tolower(ch) : ch); });
    return s;
}

std::map<std::string, std::string> parse_bag_info(const std::string& text)
{
    std::map<std::string, std::string> out;
    std::string last;
    bool first_value = false; // whether `last` is the label's first occurrence
    for (const std::string& line : tag_lines(text)) {
        if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
            std::size_t v = line.find_first_not_of(" \t");
            if (!last.empty() && first_value && v != std::string::npos) {
                out[last] += " " + line.substr(v);
            }
            continue;
        }
        auto colon = line.find(':');
        if (colon == std::string::npos) {
            continue;
        }
        last = ascii_lower(line.substr(0, colon));
        std::size_t v = line.find_first_not_of(" \t", colon + 1);
        first_value = out.emplace(last, v == std::string::npos ? "" : line.substr(v)).second;
    }
    for (auto& [label, value] : out) {
        value.erase(value.find_last_not_of(" \t") + 1);
    }
    return out;
}

std::string why_no_text(const Collected& c, const std::string& rel)
{
    return c.entries.count(rel) ? "is too large to read" : "is missing";
}

} // namespace evpack::verify
