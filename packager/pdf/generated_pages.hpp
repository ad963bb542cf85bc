#pragma once

// Internal to pdf/: the pages evpack writes itself — the cover (with the declaration and the
// signature lines), the 目录 and each indicator's divider — as text measured before it is drawn.

#include "pdf/appendix.hpp"
#include "pdf/flow.hpp"

#include <podofo/podofo.h>
#include <vector>

namespace evpack::pdf {

// Page numbers as far as they are known (0-based page indexes; -1 while unknown): the lines of
// the 目录 and the dividers take as many lines with or without them.
struct PagePlan
{
    std::vector<int> divider_first;                       // per indicator
    std::vector<std::vector<std::pair<int, int>>> documents; // per indicator, per entry: first, last
};

// "12–15" (1-based), or a dash while unknown.
std::string page_range(const std::pair<int, int>& pages);

// "（10 分，自评 8 分）", "（10 分）", "" as the points and score are known.
std::string points_and_score(const std::optional<int>& points, const std::optional<double>& score);

// The indicator's or group's self-scores added up; nullopt when none is given.
std::optional<double> group_score(const AppendixPlan& plan, std::size_t group);
std::optional<double> total_score(const AppendixPlan& plan);

// The 目录's rows (without its heading).
std::vector<FlowLine> toc_lines(PoDoFo::PdfFont& font, const TextFrame& f, const AppendixPlan& plan, const PagePlan& pages);

// One divider's text: the indicator, its score and 简要说明, its documents with their notes.
std::vector<FlowLine> divider_lines(PoDoFo::PdfFont& font, const TextFrame& f, const AppendixPlan& plan,
                                    std::size_t indicator, const PagePlan& pages);

// Room for flowing lines on the first page of the 目录 and of a divider, and on later pages.
double toc_first_room(const TextFrame& f);
double flow_next_room(const TextFrame& f);
double divider_first_room(const TextFrame& f);

// Draws the cover; returns where the seal goes (over the first signature line), if the form
// has signature lines.
std::optional<Rect> draw_cover(PoDoFo::PdfPainter& p, PoDoFo::PdfFont& font, const AppendixPlan& plan, int total_pages);

// The heading of a 目录 page: "目  录", then "目录（续）" on the pages after the first.
void draw_toc_heading(PoDoFo::PdfPainter& p, PoDoFo::PdfFont& font, const TextFrame& f, bool first);

} // namespace evpack::pdf
