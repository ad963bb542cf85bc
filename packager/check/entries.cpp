#include "check/entries.hpp"

#include "manifest/numbering.hpp"
#include "util/number.hpp"
#include "util/unicode.hpp"

namespace evpack::check {

namespace {

std::string numbers_of(const manifest::IndicatorEntry& e)
{
    std::string out;
    for (std::size_t j = 0; j < e.evidence.size(); ++j) {
        if (!e.evidence[j].see) {
            out += (out.empty() ? "" : ", ") + manifest::document_number(e, j);
        }
    }
    return out;
}

} // namespace

void check_entries(const Report& report, const std::vector<int>& form_index, const Finder& find)
{
    const manifest::Manifest& m = *report.manifest;
    if (m.layout && *m.layout != "a4" && *m.layout != "original") {
        find(0, Severity::error, m.layout_position, "layout",
             "layout must be \"a4\" (every page on an A4 sheet) or \"original\" (pages keep their size), not '" + *m.layout + "'");
    }
    auto numbers = manifest::number_documents(m);
    for (std::size_t i = 0; i < m.indicators.size(); ++i) {
        const manifest::IndicatorEntry& e = m.indicators[i];
        const forms::Indicator* fi = report.form && i < form_index.size() && form_index[i] >= 0
            ? &report.form->indicators[static_cast<std::size_t>(form_index[i])]
            : nullptr;
        if (e.none && !e.none->empty() && util::is_blank(*e.none)) {
            find(i, Severity::error, e.none_position, "none-reason",
                 "indicator " + e.id + ": none holds only spaces; write 无 or say why there is no evidence");
        }
        if (e.score) {
            double s = *e.score;
            if (fi && !fi->points) {
                find(i, Severity::error, e.score_position, "score-no-points",
                     "indicator " + e.id + " is not scored by the form; remove score = " + util::format_number(s));
            } else if (s < 0) {
                find(i, Severity::error, e.score_position, "score-range",
                     "indicator " + e.id + ": score " + util::format_number(s) + " is negative");
            } else if (fi && fi->points && s > *fi->points) {
                find(i, Severity::error, e.score_position, "score-range",
                     "indicator " + e.id + ": score " + util::format_number(s) + " is above its " + std::to_string(*fi->points)
                         + " points");
            }
        }
        for (std::size_t j = 0; j < e.evidence.size(); ++j) {
            const manifest::Evidence& ev = e.evidence[j];
            if (!ev.see) {
                continue;
            }
            if (!ev.file.empty()) {
                find(i, Severity::error, ev.file_position, "see-with-file",
                     "this entry cites " + *ev.see + " (see = …) and also names a file; keep one");
                continue;
            }
            if (ev.title_position.line != 0 && util::is_blank(ev.title)) {
                find(i, Severity::error, ev.title_position, "evidence-title",
                     "the title is blank; give one, or leave title out to use the cited document's");
            }
            auto target = manifest::resolve_see(numbers, *ev.see);
            if (!target) {
                std::string known;
                for (const auto& other : m.indicators) {
                    if (std::string list = numbers_of(other); !list.empty() && other.id + "-" == ev.see->substr(0, other.id.size() + 1)) {
                        known = "; indicator " + other.id + " has " + list;
                    }
                }
                find(i, Severity::error, ev.see_position, "see-unknown",
                     "see = \"" + *ev.see + "\" names no document (documents are numbered <indicator>-<n> in the order they are listed"
                         + known + ")");
            }
        }
    }
}

} // namespace evpack::check
