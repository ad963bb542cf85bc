#include "verify/checks.hpp"



namespace evpack::verify {

namespace {

const pdf::AppendixOutline* find_child(const std::vector<pdf::AppendixOutline>& list, const std::string& prefix, int page)
{
    for (const auto& o : list) {
        if (o.title.rfind(prefix, 0) == 0 && o.page == page) {
            return &o;
        }
    }
    return nullptr;
}

} // namespace

void check_appendix(const Collected& c, const std::optional<manifest::Manifest>& m, Report& r)
{
    std::size_t before = r.findings.size();
    if (!c.entries.count("data/appendix.pdf")) {
        r.findings.push_back({"appendix", false, "data/appendix.pdf is missing"});
        return;
    }
    if (!c.appendix) {
        r.findings.push_back({"appendix", false, "data/appendix.pdf: " + c.appendix_problem});
        return;
    }
    if (!m) {
        r.findings.push_back({"appendix", false, "cannot be compared: no usable data/evpack.toml"});
        return;
    }
    const pdf::AppendixFacts& a = *c.appendix;
    // Indicators hang under group bookmarks; collect them all.
    std::vector<pdf::AppendixOutline> indicator_items;
    for (const auto& top : a.outlines) {
        for (const auto& child : top.children) {
            indicator_items.push_back(child);
        }
    }
    int compared = 0, not_comparable = 0, last_page = 0;
    for (const auto& e : m->indicators) {
        if (!e.pages) {
            r.findings.push_back({"appendix", false, "indicator " + e.id + ": data/evpack.toml records no appendix pages"});
            continue;
        }
        last_page = std::max(last_page, e.pages->second);
        const pdf::AppendixOutline* item = find_child(indicator_items, "指标 " + e.id + " ", e.pages->first);
        if (!item) {
            r.findings.push_back({"appendix", false, "indicator " + e.id + ": no bookmark points at its page " + std::to_string(e.pages->first)});
        }
        for (const auto& ev : e.evidence) {
            std::string path = "data/" + ev.file;
            if (!ev.pages) {
                r.findings.push_back({"appendix", false, path + ": data/evpack.toml records no appendix pages"});
                continue;
            }
            auto [first, last] = *ev.pages;
            if (item && !find_child(item->children, ev.title, first)) {
                r.findings.push_back({"appendix", false, path + ": no bookmark '" + ev.title + "' points at page " + std::to_string(first)});
            }
            if (last > a.pages) {
                r.findings.push_back({"appendix", false, path + ": pages " + std::to_string(first) + "–" + std::to_string(last)
                                                             + " are beyond the appendix's " + std::to_string(a.pages)});
                continue;
            }
            if (auto problem = c.evidence_problem.find(path); problem != c.evidence_problem.end()) {
                r.findings.push_back({"appendix", false, path + ": " + problem->second});
                continue;
            }
            auto fps = c.evidence.find(path);
            if (fps == c.evidence.end()) {
                continue; // missing file: reported by completeness
            }
            if (!fps->second) {
                ++not_comparable;
                continue;
            }
            const auto& expected = *fps->second;
            if (static_cast<int>(expected.size()) != last - first + 1) {
                r.findings.push_back({"appendix", false, path + ": has " + std::to_string(expected.size()) + " pages but appendix pages "
                                                             + std::to_string(first) + "–" + std::to_string(last) + " are recorded for it"});
                continue;
            }
            for (int k = 0; k < static_cast<int>(expected.size()); ++k) {
                if (a.page_fingerprints[static_cast<std::size_t>(first - 1 + k)] != expected[static_cast<std::size_t>(k)]) {
                    r.findings.push_back({"appendix", false, "page " + std::to_string(first + k) + " does not carry page "
                                                                 + std::to_string(k + 1) + " of " + path});
                } else {
                    ++compared;
                }
            }
        }
    }
    if (last_page != a.pages) {
        r.findings.push_back({"appendix", false, "the appendix has " + std::to_string(a.pages) + " pages; data/evpack.toml accounts for "
                                                     + std::to_string(last_page)});
    }
    if (r.findings.size() == before) {
        std::string msg = std::to_string(a.pages) + " pages; bookmarks point at the recorded ranges; " + std::to_string(compared)
            + " evidence pages carry their original content";
        if (not_comparable) {
            msg += " (" + std::to_string(not_comparable) + (not_comparable == 1 ? " re-encoded image" : " re-encoded images") + std::string(" checked by checksum only)");
        }
        r.findings.push_back({"appendix", true, msg});
    }
}

} // namespace evpack::verify
