#include "util/unicode.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

namespace evpack::util {

namespace {

struct FreeDeleter
{
    void operator()(void* p) const { std::free(p); }
};

const uint8_t* bytes(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.data()); }

} // namespace

bool is_valid_utf8(const std::string& s) { return u8_check(bytes(s), s.size()) == nullptr; }

std::string nfc(const std::string& s)
{
    if (!is_valid_utf8(s)) {
        return s;
    }
    size_t len = 0;
    std::unique_ptr<uint8_t, FreeDeleter> out(u8_normalize(UNINORM_NFC, bytes(s), s.size(), nullptr, &len));
    if (!out) {
        return s;
    }
    return std::string(reinterpret_cast<const char*>(out.get()), len);
}

std::string fold_key(const std::string& s)
{
    if (!is_valid_utf8(s)) {
        return s;
    }
    size_t len = 0;
    std::unique_ptr<uint8_t, FreeDeleter> out(
        u8_casefold(bytes(s), s.size(), nullptr, UNINORM_NFKC, nullptr, &len));
    if (!out) {
        return s;
    }
    return std::string(reinterpret_cast<const char*>(out.get()), len);
}

std::size_t display_width(const std::string& s)
{
    if (!is_valid_utf8(s)) {
        return s.size();
    }
    int w = u8_strwidth(bytes(s), "UTF-8");
    return w < 0 ? s.size() : static_cast<std::size_t>(w);
}

std::string pad_right(const std::string& s, std::size_t width)
{
    std::size_t w = display_width(s);
    return w >= width ? s : s + std::string(width - w, ' ');
}

std::string truncate_width(const std::string& s, std::size_t width)
{
    if (display_width(s) <= width || !is_valid_utf8(s)) {
        return s;
    }
    std::string out;
    std::size_t used = 0;
    const uint8_t* p = bytes(s);
    const uint8_t* end = p + s.size();
    while (p < end) {
        ucs4_t uc;
        int n = u8_mbtouc(&uc, p, static_cast<size_t>(end - p));
        int cw = uc_width(uc, "UTF-8");
        std::size_t w = cw < 0 ? 1 : static_cast<std::size_t>(cw);
        if (used + w + 1 > width) {
            break;
        }
        out.append(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
        used += w;
        p += n;
    }
    return out + "…";
}

std::u32string to_u32(const std::string& s)
{
    std::u32string out;
    const uint8_t* p = bytes(s);
    const uint8_t* end = p + s.size();
    while (p < end) {
        ucs4_t uc;
        int n = u8_mbtouc(&uc, p, static_cast<size_t>(end - p));
        out.push_back(static_cast<char32_t>(uc));
        p += n;
    }
    return out;
}

bool is_blank(const std::string& s)
{
    for (char32_t c : to_u32(s)) {
        bool space = c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == 0x3000 || c == 0xA0 || c == 0x1680
            || (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0xFEFF;
        if (!space) {
            return false;
        }
    }
    return true;
}

void append_utf8(std::string& out, char32_t c)
{
    if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
        c = 0xFFFD;
    }
    uint8_t buf[6];
    int n = u8_uctomb(buf, static_cast<ucs4_t>(c), sizeof buf);
    out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n > 0 ? n : 0));
}

std::string from_u32(const std::u32string& s)
{
    std::string out;
    for (char32_t c : s) {
        append_utf8(out, c);
    }
    return out;
}

std::string escape_invalid_utf8(const std::string& path)
{
    std::string out;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = std::min(path.find('/', start), path.size());
        std::string part = path.substr(start, end - start);
        if (start > 0) {
            out += '/';
        }
        if (is_valid_utf8(part)) {
            out += part;
        } else {
            for (unsigned char c : part) {
                if (c < 0x80) {
                    out += static_cast<char>(c);
                } else {
                    char hex[8];
                    std::snprintf(hex, sizeof hex, "\\x%02X", c);
                    out += hex;
                }
            }
        }
        start = end + 1;
    }
    return out;
}

} // namespace evpack::util
