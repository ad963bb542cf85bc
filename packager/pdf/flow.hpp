#pragma once

// Internal to pdf/: the text of evpack's own pages (目录, dividers) as lines that flow over as
// many pages as they need. Lines are measured and wrapped before anything is drawn, so page
// numbers are known before the first page is made.

#include "pdf/page_layout.hpp"

#include <podofo/podofo.h>
#include <string>
#include <vector>

namespace evpack::pdf {

// The text area of a generated A4 page (points, display coordinates).
struct TextFrame
{
    double left = Bands{}.binding;
    double right = a4_short - 20 * mm;
    double top = a4_long - 22 * mm;
    double bottom = 20 * mm;
    double page_column = 80; // right column: page numbers
    double width() const { return right - left; }
};

struct FlowLine
{
    double size = 10.5;
    double indent = 0;        // from the frame's left
    std::string text;         // one line, already wrapped
    std::string right;        // in the page column
    int target = -1;          // 0-based page the line links to
    double space_before = 0;
    bool muted = false;       // gray: notes and guidance
    bool centred = false;
    bool keep = false;        // stays on the page of the line before it (wrapped lines, 无 rows)
    double height() const { return size * 1.6 + space_before; }
};

// text wrapped to the width left beside the page column (or the whole width when right is
// empty): the first line carries right and the link; the others only the link.
std::vector<FlowLine> wrap_line(PoDoFo::PdfFont& font, const TextFrame& f, const FlowLine& proto);

// Splits lines into pages: the first page has first_room points of height, the others
// next_room. A line that keeps with the one before it moves with it to the next page (unless
// the run would not fit on any page). Never returns an empty list.
std::vector<std::vector<FlowLine>> paginate(const std::vector<FlowLine>& lines, double first_room, double next_room);

// A rectangle to link, and where to: collected while drawing, written once every page exists.
struct LinkArea
{
    Rect rect;
    int target = -1;
};

// Draws lines from y_top down; returns the links of the lines that have targets.
std::vector<LinkArea> draw_flow(PoDoFo::PdfPainter& p, PoDoFo::PdfFont& font, const TextFrame& f,
                                const std::vector<FlowLine>& lines, double y_top);

} // namespace evpack::pdf
