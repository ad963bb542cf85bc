#include "manifest/encoding.hpp"

#include "util/charset.hpp"
#include "util/unicode.hpp"

#include <cstdint>

namespace evpack::manifest {

namespace {

const char* save_as_utf8 = "save it as UTF-8 (Notepad: File > Save As, Encoding: UTF-8; 记事本：文件 > 另存为，编码选 UTF-8)";

bool starts_with(const std::string& s, const char* prefix, std::size_t n) { return s.compare(0, n, prefix, n) == 0; }

// The first line with text that is not ASCII, trimmed and cut short: shows the clerk what a
// conversion made of their text.
std::string sample_line(const std::string& text)
{
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        std::string line = text.substr(start, end - start);
        bool ascii = true;
        for (unsigned char c : line) {
            ascii = ascii && c < 0x80;
        }
        if (!ascii) {
            auto first = line.find_first_not_of(" \t");
            auto last = line.find_last_not_of(" \t\r");
            return util::truncate_width(line.substr(first, last - first + 1), 50);
        }
        start = end + 1;
    }
    return "";
}

// GBK as Notepad writes it: two-byte characters only, at least ten, nearly all of them from
// GB2312's symbol rows (lead 0xA1-0xA9) and hanzi rows (lead 0xB0-0xF7), trail 0xA1-0xFE.
// Decoding the same bytes cleanly as GB18030 is checked separately.
bool looks_like_gbk(const std::string& bytes)
{
    std::size_t pairs = 0, in_gb2312 = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        auto lead = static_cast<unsigned char>(bytes[i]);
        if (lead < 0x80) {
            continue;
        }
        if (i + 1 >= bytes.size()) {
            return false;
        }
        auto trail = static_cast<unsigned char>(bytes[i + 1]);
        if (trail >= 0x30 && trail <= 0x39) {
            return false; // a four-byte GB18030 sequence: not from a GBK editor
        }
        ++pairs;
        bool row = (lead >= 0xA1 && lead <= 0xA9) || (lead >= 0xB0 && lead <= 0xF7);
        if (row && trail >= 0xA1 && trail <= 0xFE) {
            ++in_gb2312;
        }
        ++i;
    }
    // Big5 text has about half its characters in those rows: with ten or more characters, the
    // chance that nine in ten land there is a few in a hundred at most; a real manifest has
    // dozens (measured: no Big5 sample of 3 lines or more passed, 3 of 49 single lines did).
    return pairs >= 10 && in_gb2312 * 10 >= pairs * 9;
}

// Where the first byte that is not UTF-8 is: line and column (code points), 1-based. With
// legacy, at the start of the run of non-ASCII bytes it is in: bytes of another encoding can
// happen to form UTF-8 before the first that does not ("某" in GBK is "ĳ" in UTF-8).
Position first_invalid(const std::string& bytes, const std::string& path, bool legacy)
{
    std::size_t line_start = 0;
    std::uint32_t line = 1;
    std::size_t i = 0;
    while (i < bytes.size()) {
        auto c = static_cast<unsigned char>(bytes[i]);
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (n == 0 || i + n > bytes.size() || !util::is_valid_utf8(bytes.substr(i, n))) {
            break;
        }
        if (c == '\n') {
            ++line;
            line_start = i + 1;
        }
        i += n;
    }
    while (legacy && i > line_start && static_cast<unsigned char>(bytes[i - 1]) >= 0x80) {
        --i;
    }
    auto column = static_cast<std::uint32_t>(util::to_u32(bytes.substr(line_start, i - line_start)).size() + 1);
    return Position{path, line, column};
}

// UTF-16 without a byte-order mark: ASCII text then has a NUL in every other byte.
const char* utf16_without_bom(const std::string& bytes)
{
    std::size_t n = std::min<std::size_t>(bytes.size(), 4096) & ~std::size_t{1};
    std::size_t even = 0, odd = 0;
    for (std::size_t i = 0; i < n; i += 2) {
        even += bytes[i] == '\0';
        odd += bytes[i + 1] == '\0';
    }
    if (n >= 4 && odd * 10 >= n / 2 * 4 && even == 0) {
        return "UTF-16LE";
    }
    if (n >= 4 && even * 10 >= n / 2 * 4 && odd == 0) {
        return "UTF-16BE";
    }
    return nullptr;
}

} // namespace

std::optional<std::string> decode(const std::string& bytes, const std::string& path, Diagnostics& diags,
                                  std::string* converted_from)
{
    Position top{path, 1, 1};
    struct Bom
    {
        const char* bytes;
        std::size_t size;
        const char* encoding;
        const char* name;
        const char* family;
    };
    // UTF-32LE's mark begins like UTF-16LE's: longest first.
    static const Bom boms[] = {{"\xFF\xFE\0\0", 4, "UTF-32LE", "UTF-32", "UTF-32"},
                               {"\0\0\xFE\xFF", 4, "UTF-32BE", "UTF-32", "UTF-32"},
                               {"\xFF\xFE", 2, "UTF-16LE", "UTF-16 (Notepad's \"Unicode\")", "UTF-16"},
                               {"\xFE\xFF", 2, "UTF-16BE", "UTF-16 (Notepad's \"Unicode big endian\")", "UTF-16"}};
    if (starts_with(bytes, "\xEF\xBB\xBF", 3)) {
        std::string rest = bytes.substr(3);
        if (util::is_valid_utf8(rest)) {
            return rest;
        }
        diags.error(first_invalid(rest, path, false), "manifest-encoding",
                    "the manifest starts as UTF-8 but is not valid UTF-8 from here on; " + std::string(save_as_utf8));
        return std::nullopt;
    }
    for (const Bom& bom : boms) {
        if (!starts_with(bytes, bom.bytes, bom.size)) {
            continue;
        }
        auto text = util::try_to_utf8(bytes.substr(bom.size), bom.encoding);
        if (!text) {
            diags.error(top, "manifest-encoding",
                        std::string("the manifest starts as ") + bom.name + " but is damaged (not valid " + bom.name
                            + " throughout); " + save_as_utf8);
            return std::nullopt;
        }
        diags.warning(top, "manifest-encoding",
                      std::string("the manifest is saved as ") + bom.name + ", not UTF-8; it was read as " + bom.encoding
                          + ". To stop this warning, " + save_as_utf8);
        if (converted_from) {
            *converted_from = bom.family;
        }
        return text;
    }
    if (const char* encoding = utf16_without_bom(bytes)) {
        diags.error(top, "manifest-encoding",
                    std::string("the manifest looks like ") + encoding
                        + " without a byte-order mark, which cannot be read safely; " + save_as_utf8);
        return std::nullopt;
    }
    if (util::is_valid_utf8(bytes)) {
        return bytes;
    }
    auto gb = util::try_to_utf8(bytes, "GB18030");
    if (gb && looks_like_gbk(bytes)) {
        std::string sample = sample_line(*gb);
        diags.warning(top, "manifest-encoding",
                      "the manifest is saved as GBK (Notepad's \"ANSI\"), not UTF-8; it was read as GB18030"
                          + (sample.empty() ? std::string() : " (it reads: " + sample + ")") + ". To stop this warning, "
                          + save_as_utf8);
        if (converted_from) {
            *converted_from = "GBK";
        }
        return gb;
    }
    std::string looks = gb ? "it may be GBK, Big5 or another legacy encoding, which evpack cannot tell apart safely"
                           : "it is in a legacy encoding evpack does not know";
    diags.error(first_invalid(bytes, path, gb.has_value()), "manifest-encoding",
                "the manifest is not UTF-8 from here on (" + looks + "); " + save_as_utf8);
    return std::nullopt;
}

} // namespace evpack::manifest
