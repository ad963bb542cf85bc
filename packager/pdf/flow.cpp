#include "pdf/flow.hpp"

#include "pdf/text_layout.hpp"

using namespace PoDoFo;

namespace evpack::pdf {

std::vector<FlowLine> wrap_line(PdfFont& font, const TextFrame& f, const FlowLine& proto)
{
    double width = f.width() - proto.indent - (proto.right.empty() ? 0 : f.page_column + 8);
    std::vector<FlowLine> out;
    for (const std::string& text : wrap_text(font, proto.size, proto.text, width)) {
        FlowLine line = proto;
        line.text = text;
        if (!out.empty()) {
            line.right.clear();
            line.space_before = 0;
            line.keep = true;
        }
        out.push_back(std::move(line));
    }
    return out;
}

std::vector<std::vector<FlowLine>> paginate(const std::vector<FlowLine>& lines, double first_room, double next_room)
{
    std::vector<std::vector<FlowLine>> pages(1);
    double room = first_room;
    auto new_page = [&] {
        pages.emplace_back();
        room = next_room;
    };
    std::size_t k = 0;
    while (k < lines.size()) {
        // The run of lines that must stay together: this line and those that keep with it.
        std::size_t end = k + 1;
        double h = lines[k].height();
        while (end < lines.size() && lines[end].keep) {
            h += lines[end].height();
            ++end;
        }
        if (h > room && !pages.back().empty() && h - lines[k].space_before <= next_room) {
            new_page();
        }
        for (; k < end; ++k) { // a run longer than a page is split where it must be
            FlowLine line = lines[k];
            if (pages.back().empty()) {
                line.space_before = 0; // no gap at the top of a page
            } else if (line.height() > room) {
                new_page();
                line.space_before = 0;
            }
            room -= line.height();
            pages.back().push_back(std::move(line));
        }
    }
    return pages;
}

std::vector<LinkArea> draw_flow(PdfPainter& p, PdfFont& font, const TextFrame& f, const std::vector<FlowLine>& lines,
                                double y_top)
{
    std::vector<LinkArea> links;
    double y = y_top;
    for (const FlowLine& line : lines) {
        y -= line.height();
        double baseline = y + line.size * 0.45;
        if (line.muted) {
            p.SetColor(0.35, 0.35, 0.35);
        }
        if (line.centred) {
            draw_text_centred(p, font, line.size, f.left + f.width() / 2, baseline, line.text);
        } else {
            draw_text(p, font, line.size, f.left + line.indent, baseline, line.text);
        }
        if (line.muted) {
            p.SetColor(0, 0, 0);
        }
        if (!line.right.empty()) {
            draw_text_right(p, font, line.size, f.right, baseline, line.right);
        }
        if (line.target >= 0) {
            links.push_back({{f.left + line.indent, y, f.width() - line.indent, line.height() - line.space_before}, line.target});
        }
    }
    return links;
}

} // namespace evpack::pdf
