#pragma once

// Internal to pdf/: text on the pages evpack draws, measured with the font that draws it and
// broken into lines by the Unicode rules (util::line_breaks).

#include <podofo/podofo.h>
#include <string>
#include <vector>

namespace evpack::pdf {

// Width of s in points at size.
double text_width(PoDoFo::PdfFont& font, double size, const std::string& s);

// s in lines of at most width points: breaks where the line-breaking rules allow, at a newline
// always, anywhere only when one word is wider than a line. Spaces at a break are dropped.
// prefer_spaces: a title keeps its words whole where it can ("自评材料 · 证明材料" breaks at a
// space rather than inside "证明"), if the line still fills half the width.
std::vector<std::string> wrap_text(PoDoFo::PdfFont& font, double size, const std::string& s, double width,
                                   bool prefer_spaces = false);

// Draws s at (x, y) (its baseline) in the given size.
void draw_text(PoDoFo::PdfPainter& p, PoDoFo::PdfFont& font, double size, double x, double y, const std::string& s);

// Draws s so that it ends at right (right-aligned) or is centred on centre_x.
void draw_text_right(PoDoFo::PdfPainter& p, PoDoFo::PdfFont& font, double size, double right, double y, const std::string& s);
void draw_text_centred(PoDoFo::PdfPainter& p, PoDoFo::PdfFont& font, double size, double centre_x, double y, const std::string& s);

} // namespace evpack::pdf
