#include "ocr/page_text.hpp"

#include "util/unicode.hpp"

#include <cstdio>
#include <sstream>

namespace evpack::ocr {

namespace {

// Characters between which Chinese writes no space: CJK ideographs, CJK punctuation, kana,
// full-width forms.
bool spaceless(char32_t c)
{
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF)
        || (c >= 0x20000 && c <= 0x3FFFF);
}

constexpr const char* header = "evpack-ocr 2";

} // namespace

std::string searchable_line(const std::string& tesseract_line)
{
    std::u32string in = util::to_u32(tesseract_line);
    while (!in.empty() && (in.back() == U'\n' || in.back() == U' ' || in.back() == U'\r')) {
        in.pop_back();
    }
    std::size_t start = in.find_first_not_of(U' ');
    in.erase(0, start == std::u32string::npos ? in.size() : start);
    for (char32_t& c : in) {
        if (c < 0x20 || c == 0x7F) {
            c = U' '; // a line is one line
        }
    }
    std::u32string out;
    for (std::size_t k = 0; k < in.size(); ++k) {
        if (in[k] == U' ') {
            std::size_t next = in.find_first_not_of(U' ', k);
            if (!out.empty() && next != std::u32string::npos && spaceless(out.back()) && spaceless(in[next])) {
                k = next - 1;
                continue;
            }
            out += U' ';
            k = next - 1; // runs of spaces become one
            continue;
        }
        out += in[k];
    }
    return util::from_u32(out);
}

bool joins(const std::string& a, const std::string& b)
{
    std::u32string x = util::to_u32(a), y = util::to_u32(b);
    return !x.empty() && !y.empty() && spaceless(x.back()) && spaceless(y.front());
}

std::string serialize(const CachedPage& page)
{
    std::string out = std::string(header) + "\n";
    if (page.has_text) {
        return out + "has-text\n";
    }
    out += "runs " + std::to_string(page.text.runs.size()) + "\n";
    for (const TextRun& l : page.text.runs) {
        char buf[96];
        std::snprintf(buf, sizeof buf, "%.6f %.6f %.6f %.6f ", l.x, l.y, l.w, l.h);
        out += buf + l.text + "\n";
    }
    return out;
}

std::optional<CachedPage> parse(const std::string& record)
{
    std::istringstream in(record);
    std::string line;
    if (!std::getline(in, line) || line != header || !std::getline(in, line)) {
        return std::nullopt;
    }
    CachedPage page;
    if (line == "has-text") {
        page.has_text = true;
        return page;
    }
    unsigned long count = 0;
    if (std::sscanf(line.c_str(), "runs %lu", &count) != 1) {
        return std::nullopt;
    }
    for (unsigned long k = 0; k < count; ++k) {
        if (!std::getline(in, line)) {
            return std::nullopt;
        }
        TextRun l;
        int used = 0;
        if (std::sscanf(line.c_str(), "%lf %lf %lf %lf %n", &l.x, &l.y, &l.w, &l.h, &used) != 4 || used <= 0) {
            return std::nullopt;
        }
        l.text = line.substr(static_cast<std::size_t>(used));
        if (l.text.empty() || !util::is_valid_utf8(l.text)) {
            return std::nullopt;
        }
        page.text.runs.push_back(std::move(l));
    }
    return page;
}

} // namespace evpack::ocr
