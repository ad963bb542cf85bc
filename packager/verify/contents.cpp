#include "verify/checks.hpp"

#include "forms/form.hpp"

namespace evpack::verify {

namespace {

Document read_document(const manifest::Evidence& ev, const std::string& indicator_id, std::size_t position)
{
    Document d;
    // build records each document's number; a package from before that has them by position.
    d.number = ev.number.value_or(indicator_id + "-" + std::to_string(position));
    d.title = ev.title;
    d.date = ev.date ? ev.date->to_string() : "";
    d.members = ev.members;
    d.see = ev.see;
    d.file = ev.file.empty() ? "" : "data/" + ev.file;
    d.sha256 = ev.sha256.value_or("");
    d.pages = ev.pages;
    return d;
}

IndicatorRow read_indicator(const manifest::IndicatorEntry& e)
{
    IndicatorRow row;
    row.id = e.id;
    row.score = e.score;
    row.summary = e.summary;
    row.pages = e.pages;
    std::size_t files = 0;
    for (const manifest::Evidence& ev : e.evidence) {
        row.documents.push_back(read_document(ev, e.id, ev.see ? 0 : ++files));
        if (ev.see && !ev.number) {
            row.documents.back().number.clear(); // a citation has no number of its own
        }
    }
    row.status = !e.evidence.empty() ? "evidence" : e.none ? "无" : "missing";
    row.none = e.none.value_or("");
    return row;
}

} // namespace

std::optional<Contents> read_contents(const Collected& c, const std::optional<manifest::Manifest>& checked)
{
    Contents out;
    // Completeness gives up on a manifest without its form; the reviewer still sees what it says.
    std::optional<manifest::Manifest> m = checked;
    if (auto text = c.texts.find("data/evpack.toml"); !m && text != c.texts.end()) {
        Diagnostics ignored;
        m = manifest::parse(text->second, "data/evpack.toml", ignored);
    }
    auto info_text = c.texts.find("bag-info.txt");
    auto info = info_text == c.texts.end() ? std::map<std::string, std::string>{} : parse_bag_info(info_text->second);
    std::optional<forms::Form> form;
    if (auto text = c.texts.find("data/form.toml"); text != c.texts.end()) {
        Diagnostics ignored; // completeness reports them
        form = forms::parse_form(text->second, "data/form.toml", ignored);
    }
    if (!m && !form && info.empty()) {
        return std::nullopt;
    }
    out.organization = m ? m->organization : info["source-organization"];
    out.title = m ? m->title : info["external-description"];
    out.form_id = form ? form->id : info["evpack-form-id"];
    out.form_title = form ? form->title : info["evpack-form-title"];
    if (form) {
        for (const forms::Group& g : form->groups) {
            out.groups.push_back({g.id, g.title, g.points});
        }
        out.points = form->total_points();
    }
    std::vector<bool> shown(m ? m->indicators.size() : 0, false);
    auto find_entry = [&](const std::string& id) -> const manifest::IndicatorEntry* {
        for (std::size_t i = 0; m && i < m->indicators.size(); ++i) {
            if (m->indicators[i].id == id && !shown[i]) {
                shown[i] = true;
                return &m->indicators[i];
            }
        }
        return nullptr;
    };
    if (form) {
        for (const forms::Indicator& ind : form->indicators) {
            const manifest::IndicatorEntry* e = find_entry(ind.id);
            IndicatorRow row = e ? read_indicator(*e) : IndicatorRow{};
            row.id = ind.id;
            row.title = ind.title;
            row.points = ind.points;
            row.group = ind.group < form->groups.size() ? form->groups[ind.group].id : "";
            if (!e) {
                row.status = "missing";
            }
            out.indicators.push_back(std::move(row));
        }
    }
    for (std::size_t i = 0; m && i < m->indicators.size(); ++i) {
        if (!shown[i]) { // not in the form: shown after its indicators, as the manifest has them
            out.indicators.push_back(read_indicator(m->indicators[i]));
        }
    }
    for (const IndicatorRow& row : out.indicators) {
        (row.status == "evidence" ? out.with_evidence : row.status == "无" ? out.none : out.missing)++;
        if (row.score) {
            out.score = out.score.value_or(0) + *row.score;
        }
        if (row.pages) {
            out.pages = std::max(out.pages, row.pages->second);
        }
    }
    if (c.appendix) {
        out.pages = c.appendix->pages;
    }
    return out;
}

} // namespace evpack::verify
