#include "util/line_break.hpp"

#include <linebreak.h>
#include <mutex>

namespace evpack::util {

namespace {

bool is_cjk(char32_t c)
{
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF)
        || (c >= 0xFF00 && c <= 0xFFEF);
}

bool is_alnum(char32_t c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

} // namespace

std::vector<Break> line_breaks(const std::u32string& s)
{
    static std::once_flag once;
    std::call_once(once, init_linebreak);
    std::vector<char> brks(s.size());
    if (!s.empty()) {
        std::u32string copy = s;
        set_linebreaks_utf32(reinterpret_cast<const utf32_t*>(copy.data()), copy.size(), "zh", brks.data());
    }
    std::vector<Break> out(s.size(), Break::none);
    for (std::size_t i = 0; i < s.size(); ++i) {
        out[i] = brks[i] == LINEBREAK_MUSTBREAK ? Break::mandatory
            : brks[i] == LINEBREAK_ALLOWBREAK   ? Break::allowed
                                                : Break::none;
    }
    if (!out.empty() && out.back() == Break::mandatory && s.back() != U'\n' && s.back() != U'\r') {
        out.back() = Break::allowed; // libunibreak marks the end of the text as a mandatory break
    }
    // Tailoring: keep "2025年" and "2025 年" together.
    for (std::size_t i = 0; i + 1 < s.size(); ++i) {
        if (out[i] != Break::allowed) {
            continue;
        }
        char32_t a = s[i], b = s[i + 1];
        if ((is_alnum(a) && is_cjk(b)) || (is_cjk(a) && is_alnum(b))) {
            out[i] = Break::none;
        } else if (a == U' ' && i > 0 && ((is_alnum(s[i - 1]) && is_cjk(b)) || (is_cjk(s[i - 1]) && is_alnum(b)))) {
            out[i] = Break::none;
        }
    }
    return out;
}

} // namespace evpack::util
