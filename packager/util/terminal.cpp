#include "util/terminal.hpp"

#include <cstdint>
#include <cstdio>
#include <unistr.h>

namespace evpack::util {

namespace {

// Characters that change how a terminal or a line of text behaves rather than showing a glyph.
bool is_hidden_control(ucs4_t c)
{
    return c < 0x20 || c == 0x7f                  // C0, DEL
        || (c >= 0x80 && c <= 0x9f)               // C1: CSI (0x9b) and OSC (0x9d) act like ESC [ / ESC ]
        || c == 0x061c || c == 0x200e || c == 0x200f // arabic letter mark, LRM, RLM
        || (c >= 0x202a && c <= 0x202e)           // embeddings and overrides
        || (c >= 0x2066 && c <= 0x2069)           // isolates
        || c == 0x2028 || c == 0x2029             // line and paragraph separators
        || c == 0xfeff;                           // byte-order mark / zero-width no-break space
}

std::string hex_escape(unsigned value, bool unicode)
{
    char buf[8];
    std::snprintf(buf, sizeof buf, unicode ? "\\u%04x" : "\\x%02x", value);
    return buf;
}

template <typename Escape>
std::string escape_controls(const std::string& s, Escape&& escape)
{
    std::string out;
    out.reserve(s.size());
    const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
    const auto* end = p + s.size();
    while (p < end) {
        ucs4_t c = 0;
        int n = u8_mbtoucr(&c, p, static_cast<std::size_t>(end - p));
        if (n < 0) { // not UTF-8 (or cut short): one byte at a time
            out += hex_escape(*p, false);
            ++p;
            continue;
        }
        if (is_hidden_control(c)) {
            out += escape(c);
        } else {
            out.append(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
        }
        p += n;
    }
    return out;
}

} // namespace

std::string terminal_safe(const std::string& s)
{
    return escape_controls(s, [](ucs4_t c) { return hex_escape(c, c > 0x7f); });
}

std::string json_safe(const std::string& json)
{
    return escape_controls(json, [](ucs4_t c) {
        // C0 inside a JSON text is already escaped by the serializer (or is its own whitespace).
        return c < 0x20 ? std::string(1, static_cast<char>(c)) : hex_escape(c, true);
    });
}

std::string html_text(const std::string& s)
{
    std::string out;
    for (char c : terminal_safe(s)) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

} // namespace evpack::util
