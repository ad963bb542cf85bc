#include "pdf/text_layout.hpp"

#include "util/line_break.hpp"
#include "util/unicode.hpp"

using namespace PoDoFo;

namespace evpack::pdf {

namespace {

PdfString utf8(const std::string& s) { return PdfString(reinterpret_cast<const pdf_utf8*>(s.c_str())); }

double char_width(PdfFont& font, double size, char32_t c)
{
    if (c > 0xFFFF) {
        return size; // outside the font's Identity-H range: an em
    }
    return font.GetFontMetrics()->UnicodeCharWidth(static_cast<unsigned short>(c)) * size
        / static_cast<double>(font.GetFontSize());
}

std::string to_utf8(const std::u32string& s, std::size_t from, std::size_t to)
{
    std::string out;
    for (std::size_t k = from; k < to; ++k) {
        util::append_utf8(out, s[k]);
    }
    return out;
}

bool is_space(char32_t c) { return c == U' ' || c == U'\t' || c == 0x3000; }

} // namespace

double text_width(PdfFont& font, double size, const std::string& s)
{
    double w = 0;
    for (char32_t c : util::to_u32(s)) {
        w += char_width(font, size, c);
    }
    return w;
}

std::vector<std::string> wrap_text(PdfFont& font, double size, const std::string& s, double width, bool prefer_spaces)
{
    std::u32string text = util::to_u32(s);
    std::vector<util::Break> breaks = util::line_breaks(text);
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        double w = 0;
        std::size_t last_break = std::string::npos; // a line may end after this index
        std::size_t last_space = std::string::npos; // the same, at a space, and the width there
        double space_w = 0;
        std::size_t k = start;
        std::size_t end = text.size();  // this line is text[start, end)
        std::size_t next = text.size(); // the next line starts here
        for (; k < text.size(); ++k) {
            if (text[k] == U'\n' || text[k] == U'\r') {
                end = k;
                next = k + 1 + (text[k] == U'\r' && k + 1 < text.size() && text[k + 1] == U'\n' ? 1 : 0);
                break;
            }
            double cw = char_width(font, size, text[k]);
            if (w + cw > width && k > start && !is_space(text[k])) {
                if (prefer_spaces && last_space != std::string::npos && space_w >= width / 2) {
                    end = last_space + 1;
                } else if (last_break != std::string::npos) {
                    end = last_break + 1;
                } else {
                    end = k; // one word wider than the line: break inside it
                }
                next = end;
                break;
            }
            w += cw;
            if (breaks[k] != util::Break::none) {
                last_break = k;
                if (is_space(text[k])) {
                    last_space = k;
                    space_w = w;
                }
            }
        }
        std::size_t trimmed = end;
        while (trimmed > start && is_space(text[trimmed - 1])) {
            --trimmed;
        }
        lines.push_back(to_utf8(text, start, trimmed));
        bool wrapped = next == end; // not at a newline
        start = next;
        while (wrapped && start < text.size() && is_space(text[start])) {
            ++start; // a wrapped line does not start with the spaces it broke at
        }
    }
    if (lines.empty()) {
        lines.emplace_back();
    }
    return lines;
}

void draw_text(PdfPainter& p, PdfFont& font, double size, double x, double y, const std::string& s)
{
    font.SetFontSize(static_cast<float>(size));
    p.SetFont(&font);
    p.DrawText(x, y, utf8(s));
}

void draw_text_right(PdfPainter& p, PdfFont& font, double size, double right, double y, const std::string& s)
{
    draw_text(p, font, size, right - text_width(font, size, s), y, s);
}

void draw_text_centred(PdfPainter& p, PdfFont& font, double size, double centre_x, double y, const std::string& s)
{
    draw_text(p, font, size, centre_x - text_width(font, size, s) / 2, y, s);
}

} // namespace evpack::pdf
