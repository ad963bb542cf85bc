#include "pdf/generated_pages.hpp"

#include "pdf/text_layout.hpp"
#include "util/file.hpp"
#include "util/number.hpp"

using namespace PoDoFo;

namespace evpack::pdf {

namespace {

constexpr double toc_heading = 50;     // "目  录" and the gap under it
constexpr double divider_heading = 0;  // the divider's heading flows with its lines

std::string document_text(const AppendixDocument& doc)
{
    if (doc.cites) {
        return "见 " + doc.number + "  " + doc.title;
    }
    std::string t = doc.number + "  " + doc.title;
    if (!doc.date.empty()) {
        t += "（" + doc.date + "）";
    }
    if (doc.marked_members > 0) {
        t += " ★" + std::to_string(doc.marked_members) + " 家成员联合";
    }
    return t;
}

} // namespace

std::string page_range(const std::pair<int, int>& pages)
{
    if (pages.first < 0) {
        return "—";
    }
    if (pages.first == pages.second) {
        return std::to_string(pages.first + 1);
    }
    return std::to_string(pages.first + 1) + "–" + std::to_string(pages.second + 1);
}

std::string points_and_score(const std::optional<int>& points, const std::optional<double>& score)
{
    if (points && score) {
        return "（" + std::to_string(*points) + " 分，自评 " + util::format_number(*score) + " 分）";
    }
    if (points) {
        return "（" + std::to_string(*points) + " 分）";
    }
    if (score) {
        return "（自评 " + util::format_number(*score) + " 分）";
    }
    return "";
}

std::optional<double> group_score(const AppendixPlan& plan, std::size_t group)
{
    std::optional<double> sum;
    for (const auto& ind : plan.indicators) {
        if (ind.group == group && ind.score) {
            sum = sum.value_or(0) + *ind.score;
        }
    }
    return sum;
}

std::optional<double> total_score(const AppendixPlan& plan)
{
    std::optional<double> sum;
    for (const auto& ind : plan.indicators) {
        if (ind.score) {
            sum = sum.value_or(0) + *ind.score;
        }
    }
    return sum;
}

double toc_first_room(const TextFrame& f) { return f.top - f.bottom - toc_heading; }
double flow_next_room(const TextFrame& f) { return f.top - f.bottom - toc_heading; }
double divider_first_room(const TextFrame& f) { return f.top - f.bottom - divider_heading; }

std::vector<FlowLine> toc_lines(PdfFont& font, const TextFrame& f, const AppendixPlan& plan, const PagePlan& pages)
{
    std::vector<FlowLine> out;
    auto add = [&](const FlowLine& proto) {
        for (FlowLine& l : wrap_line(font, f, proto)) {
            out.push_back(std::move(l));
        }
    };
    if (auto total = total_score(plan)) {
        FlowLine l;
        l.size = 11;
        l.text = "自评总分：" + util::format_number(*total) + (plan.total_points ? " / " + std::to_string(*plan.total_points) : "") + " 分";
        add(l);
    }
    std::size_t group = static_cast<std::size_t>(-1);
    for (std::size_t i = 0; i < plan.indicators.size(); ++i) {
        const AppendixIndicator& ind = plan.indicators[i];
        int divider = pages.divider_first.empty() ? -1 : pages.divider_first[i];
        if (ind.group != group && ind.group < plan.groups.size()) {
            group = ind.group;
            const AppendixGroup& g = plan.groups[group];
            FlowLine l;
            l.size = 12.5;
            l.space_before = 6;
            l.text = g.id + "  " + g.title + points_and_score(g.points, group_score(plan, group));
            l.target = divider;
            add(l);
        }
        int last = divider;
        if (!pages.documents.empty()) {
            for (const auto& d : pages.documents[i]) {
                if (d.second >= 0) {
                    last = std::max(last, d.second);
                }
            }
        }
        FlowLine l;
        l.indent = 12;
        l.text = plan.item_label + " " + ind.id + "  " + ind.title + points_and_score(ind.points, ind.score);
        l.right = page_range({divider, last});
        l.target = divider;
        add(l);
        if (ind.none) {
            FlowLine n;
            n.indent = 36;
            n.text = *ind.none == "无" ? "无" : "无：" + *ind.none;
            n.target = divider;
            n.keep = true;
            add(n);
        }
        for (std::size_t j = 0; j < ind.documents.size(); ++j) {
            auto range = pages.documents.empty() ? std::make_pair(-1, -1) : pages.documents[i][j];
            FlowLine d;
            d.indent = 36;
            d.keep = j == 0; // an indicator's first document stays with it
            d.text = document_text(ind.documents[j]);
            d.right = page_range(range);
            d.target = range.first;
            add(d);
        }
    }
    return out;
}

std::vector<FlowLine> divider_lines(PdfFont& font, const TextFrame& f, const AppendixPlan& plan, std::size_t index,
                                    const PagePlan& pages)
{
    const AppendixIndicator& ind = plan.indicators[index];
    std::vector<FlowLine> out;
    auto add = [&](const FlowLine& proto) {
        for (FlowLine& l : wrap_line(font, f, proto)) {
            out.push_back(std::move(l));
        }
    };
    if (ind.group < plan.groups.size()) {
        const AppendixGroup& g = plan.groups[ind.group];
        FlowLine l;
        l.size = 12;
        l.muted = true;
        l.text = g.id + "  " + g.title + points_and_score(g.points, std::nullopt);
        add(l);
    }
    FlowLine heading;
    heading.size = 26;
    heading.space_before = 24;
    heading.text = plan.item_label + " " + ind.id;
    add(heading);
    FlowLine title;
    title.size = 16;
    title.space_before = 10;
    title.text = ind.title + points_and_score(ind.points, std::nullopt);
    add(title);
    if (ind.score) {
        FlowLine s;
        s.size = 12;
        s.space_before = 6;
        s.text = "自评分：" + util::format_number(*ind.score) + (ind.points ? " / " + std::to_string(*ind.points) : "") + " 分";
        add(s);
    }
    if (!ind.summary.empty()) {
        FlowLine h;
        h.size = 12;
        h.space_before = 14;
        h.text = "简要说明";
        add(h);
        FlowLine s;
        s.size = 11;
        s.text = ind.summary;
        add(s);
    }
    if (ind.none) {
        FlowLine n;
        n.size = 14;
        n.space_before = 14;
        n.text = "无";
        add(n);
        if (*ind.none != "无") {
            FlowLine r;
            r.size = 12;
            r.indent = 12;
            r.text = *ind.none;
            add(r);
        }
        return out;
    }
    int bound = 0;
    for (const auto& doc : ind.documents) {
        bound += doc.cites ? 0 : 1;
    }
    FlowLine count;
    count.size = 12;
    count.space_before = 14;
    count.text = "证明材料 " + std::to_string(bound) + " 份：";
    add(count);
    for (std::size_t j = 0; j < ind.documents.size(); ++j) {
        const AppendixDocument& doc = ind.documents[j];
        auto range = pages.documents.empty() ? std::make_pair(-1, -1) : pages.documents[index][j];
        FlowLine d;
        d.size = 11;
        d.indent = 12;
        d.space_before = 4;
        d.text = document_text(doc) + (doc.cites ? "" : "（" + std::to_string(doc.pages) + " 页）");
        d.right = "第 " + page_range(range) + " 页";
        d.target = range.first;
        add(d);
        if (!doc.note.empty()) {
            FlowLine n;
            n.size = 9.5;
            n.indent = 40;
            n.muted = true;
            n.keep = true;
            n.text = doc.note;
            add(n);
        }
    }
    return out;
}

void draw_toc_heading(PdfPainter& p, PdfFont& font, const TextFrame& f, bool first)
{
    if (first) {
        draw_text_centred(p, font, 20, f.left + f.width() / 2, f.top - 24, "目  录");
    } else {
        draw_text_centred(p, font, 14, f.left + f.width() / 2, f.top - 20, "目录（续）");
    }
}

std::optional<Rect> draw_cover(PdfPainter& p, PdfFont& font, const AppendixPlan& plan, int total_pages)
{
    TextFrame f;
    double centre = f.left + f.width() / 2;
    double y = a4_long - 190;
    for (const std::string& line : wrap_text(font, 22, plan.title, f.width(), true)) {
        draw_text_centred(p, font, 22, centre, y, line);
        y -= 34;
    }
    y -= 16;
    for (const std::string& line : wrap_text(font, 15, plan.organization, f.width(), true)) {
        draw_text_centred(p, font, 15, centre, y, line);
        y -= 24;
    }
    int documents = 0;
    for (const auto& ind : plan.indicators) {
        for (const auto& doc : ind.documents) {
            documents += doc.cites ? 0 : 1;
        }
    }
    std::vector<std::string> lines = {
        "表    式：" + plan.form_title,
        "数据期间：" + (plan.period.empty() ? std::string("—") : plan.period),
        "生成日期：" + util::format_date(plan.build_time),
        plan.item_label + " " + std::to_string(plan.indicators.size()) + " 项，证明材料 " + std::to_string(documents)
            + " 份，共 " + std::to_string(total_pages) + " 页",
    };
    if (auto total = total_score(plan)) {
        lines.push_back("自评总分：" + util::format_number(*total) + (plan.total_points ? " / " + std::to_string(*plan.total_points) : "")
                        + " 分");
        for (std::size_t g = 0; g < plan.groups.size(); ++g) {
            if (auto s = group_score(plan, g)) {
                lines.push_back("    " + plan.groups[g].title + "：" + util::format_number(*s)
                                + (plan.groups[g].points ? " / " + std::to_string(*plan.groups[g].points) : "") + " 分");
            }
        }
    }
    y = std::min(y - 40, 470.0);
    double indent = f.left + 30;
    for (const std::string& line : lines) {
        for (const std::string& part : wrap_text(font, 12, line, f.right - indent)) {
            draw_text(p, font, 12, indent, y, part);
            y -= 20;
        }
    }
    // The declaration and the signature lines at the foot, as on the paper form. The lines come
    // filled in ({organization}, {date}); the seal goes over the one to be stamped (盖章), on the
    // organization's name where the line holds it.
    std::optional<Rect> seal;
    double foot = 80;
    double sig_x = f.left + f.width() * 0.3;
    double sy = foot + 30.0 * static_cast<double>(plan.signature_lines.size());
    std::vector<std::string> declaration = plan.declaration.empty() ? std::vector<std::string>{}
                                                                     : wrap_text(font, 12, plan.declaration, f.width());
    // Room between the declaration and the first line for the seal's upper half.
    double dy = sy + 60 + 20.0 * static_cast<double>(declaration.size());
    for (const std::string& line : declaration) {
        draw_text(p, font, 12, f.left, dy, line);
        dy -= 20;
    }
    std::size_t stamped = 0;
    for (std::size_t k = 0; k < plan.signature_lines.size(); ++k) {
        if (plan.signature_lines[k].find("盖章") != std::string::npos) {
            stamped = k;
            break;
        }
    }
    for (std::size_t k = 0; k < plan.signature_lines.size(); ++k) {
        const std::string& line = plan.signature_lines[k];
        double line_y = sy - 30.0 * static_cast<double>(k);
        // One line each, as on paper: a long one is set smaller rather than broken.
        double size = 12;
        double w = text_width(font, size, line);
        if (w > f.right - sig_x) {
            size = std::max(7.0, size * (f.right - sig_x) / w);
            w = text_width(font, size, line);
        }
        draw_text(p, font, size, sig_x, line_y, line);
        if (k == stamped) {
            double at_x = sig_x + w / 2;
            if (auto at = line.rfind(plan.organization); !plan.organization.empty() && at != std::string::npos) {
                at_x = sig_x + text_width(font, size, line.substr(0, at)) + text_width(font, size, plan.organization) / 2;
            }
            double d = 42 * mm;
            at_x = std::min(at_x, a4_short - Bands{}.outer - d / 2); // never into the 骑缝章's edge
            seal = Rect{at_x - d / 2, line_y + size / 3 - d / 2, d, d};
        }
    }
    return seal;
}

} // namespace evpack::pdf
