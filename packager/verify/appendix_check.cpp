#include "verify/checks.hpp"

#include "manifest/numbering.hpp"

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

// The source's own bookmarks under a document's bookmark, against the original's: the same
// titles in the same tree, each pointing at its page of the document as placed (first is where
// the document starts; an item that pointed nowhere points where its parent does, as build
// makes it). Returns the first difference, or "" when none; counts the items compared.
std::string compare_outlines(const std::vector<pdf::AppendixOutline>& got, const std::vector<pdf::AppendixOutline>& want,
                             int first, int parent_page, std::size_t& compared)
{
    if (got.size() != want.size()) {
        return "has " + std::to_string(got.size()) + " bookmarks where the original has " + std::to_string(want.size());
    }
    for (std::size_t k = 0; k < want.size(); ++k) {
        const auto& g = got[k];
        const auto& w = want[k];
        int page = w.page > 0 ? first + w.page - 1 : parent_page;
        if (g.title != w.title) {
            return "bookmark '" + g.title + "' is '" + w.title + "' in the original";
        }
        if (g.page != page) {
            return "bookmark '" + g.title + "' points at page " + std::to_string(g.page) + ", not at page "
                + std::to_string(page) + " (page " + std::to_string(w.page > 0 ? w.page : 1) + " of the original)";
        }
        ++compared;
        std::string deeper = compare_outlines(g.children, w.children, first, page, compared);
        if (!deeper.empty()) {
            return deeper;
        }
    }
    return "";
}

} // namespace

void check_appendix(const Collected& c, const std::optional<check::Report>& packaged, Report& r)
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
    if (!packaged || !packaged->manifest) {
        r.findings.push_back({"appendix", false, "cannot be compared: no usable data/evpack.toml"});
        return;
    }
    const manifest::Manifest& m = *packaged->manifest;
    std::string item_label = packaged->form ? packaged->form->item_label : "指标";
    const pdf::AppendixFacts& a = *c.appendix;
    // Indicators hang under group bookmarks; collect them all.
    std::vector<pdf::AppendixOutline> indicator_items;
    for (const auto& top : a.outlines) {
        for (const auto& child : top.children) {
            indicator_items.push_back(child);
        }
    }
    auto numbers = manifest::number_documents(m);
    int compared = 0, not_comparable = 0, last_page = 0;
    std::size_t bookmarks = 0;
    for (const auto& e : m.indicators) {
        if (!e.pages) {
            r.findings.push_back({"appendix", false, "indicator " + e.id + ": data/evpack.toml records no appendix pages"});
            continue;
        }
        last_page = std::max(last_page, e.pages->second);
        const pdf::AppendixOutline* item = find_child(indicator_items, item_label + " " + e.id + " ", e.pages->first);
        if (!item) {
            r.findings.push_back({"appendix", false, "indicator " + e.id + ": no bookmark points at its page " + std::to_string(e.pages->first)});
        }
        for (std::size_t j = 0; j < e.evidence.size(); ++j) {
            const auto& ev = e.evidence[j];
            if (ev.see) {
                // A citation binds nothing: it must show the pages of the document it names.
                auto cited = manifest::resolve_see(numbers, *ev.see);
                if (!cited) {
                    continue; // reported by completeness
                }
                const auto& target = m.indicators[cited->indicator].evidence[cited->evidence];
                if (!ev.pages || !target.pages || *ev.pages != *target.pages) {
                    r.findings.push_back({"appendix", false, "indicator " + e.id + ": see = \"" + *ev.see
                                                                 + "\" does not record the pages of the document it cites"});
                } else if (item && !find_child(item->children, "见 " + manifest::document_number(m.indicators[cited->indicator], cited->evidence) + " ", ev.pages->first)) {
                    r.findings.push_back({"appendix", false, "indicator " + e.id + ": no bookmark for see = \"" + *ev.see
                                                                 + "\" points at page " + std::to_string(ev.pages->first)});
                }
                continue;
            }
            // What the appendix binds: the file, or an Office original's rendering.
            std::string path = "data/" + ev.rendering.value_or(ev.file);
            if (!ev.pages) {
                r.findings.push_back({"appendix", false, path + ": data/evpack.toml records no appendix pages"});
                continue;
            }
            auto [first, last] = *ev.pages;
            std::string number = ev.number.value_or(manifest::document_number(e, j));
            const pdf::AppendixOutline* doc_item = item ? find_child(item->children, number + " " + ev.title, first) : nullptr;
            if (item && !doc_item) {
                r.findings.push_back({"appendix", false, path + ": no bookmark '" + number + " " + ev.title + "' points at page " + std::to_string(first)});
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
            if (auto own = c.evidence_outlines.find(path); doc_item && own != c.evidence_outlines.end()) {
                std::string difference = compare_outlines(doc_item->children, own->second, first, first, bookmarks);
                if (!difference.empty()) {
                    r.findings.push_back({"appendix", false, path + " (" + number + "): " + difference});
                }
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
        if (bookmarks) {
            msg += "; " + std::to_string(bookmarks) + " source bookmarks match their originals";
        }
        if (not_comparable) {
            msg += " (" + std::to_string(not_comparable) + (not_comparable == 1 ? " re-encoded image" : " re-encoded images") + std::string(" checked by checksum only)");
        }
        r.findings.push_back({"appendix", true, msg});
    }
}

} // namespace evpack::verify
