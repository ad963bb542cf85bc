#include "pdf/outline_import.hpp"

#include "pdf/text_string.hpp"

#include <set>

using namespace PoDoFo;

namespace evpack::pdf {

namespace {

constexpr int max_depth = 64;
constexpr std::size_t max_items = 200000;

std::optional<double> number(const PdfObject& o)
{
    if (o.IsNumber()) {
        return static_cast<double>(o.GetNumber());
    }
    if (o.IsReal()) {
        return o.GetReal();
    }
    return std::nullopt; // null, or anything else: "keep the current value"
}

std::size_t params_of(const std::string& fit)
{
    if (fit == "XYZ") {
        return 3;
    }
    if (fit == "FitR") {
        return 4;
    }
    if (fit == "FitH" || fit == "FitV" || fit == "FitBH" || fit == "FitBV") {
        return 1;
    }
    return 0; // Fit, FitB
}

} // namespace

Destinations::Destinations(PdfMemDocument& src, const std::map<PdfReference, int>& pages) : m_src(src), m_pages(pages) {}

const PdfObject* Destinations::deref(const PdfObject* o)
{
    for (int hops = 0; o && o->IsReference() && hops < 8; ++hops) {
        o = m_src.GetObjects().GetObject(o->GetReference());
    }
    return o && o->IsReference() ? nullptr : o;
}

std::optional<Target> Destinations::from_array(const PdfArray& a)
{
    if (a.empty() || !a[0].IsReference()) {
        return std::nullopt; // an integer page number belongs to remote (GoToR) destinations
    }
    auto it = m_pages.find(a[0].GetReference());
    if (it == m_pages.end()) {
        return std::nullopt;
    }
    Target t;
    t.page = it->second;
    if (a.size() >= 2 && a[1].IsName()) {
        std::string fit = a[1].GetName().GetName();
        std::size_t n = params_of(fit);
        if (fit == "XYZ" || fit == "Fit" || fit == "FitR" || fit == "FitH" || fit == "FitV" || fit == "FitB"
            || fit == "FitBH" || fit == "FitBV") {
            t.view.fit = fit;
            for (std::size_t k = 0; k < n; ++k) {
                t.view.params.push_back(2 + k < a.size() ? number(a[2 + k]) : std::nullopt);
            }
        }
    }
    return t;
}

void Destinations::index_names()
{
    m_indexed = true;
    const PdfObject* root = m_src.GetCatalog();
    if (!root || !root->IsDictionary()) {
        return;
    }
    m_old_dests = deref(root->GetDictionary().GetKey("Dests"));
    const PdfObject* names = deref(root->GetDictionary().GetKey("Names"));
    const PdfObject* tree = names && names->IsDictionary() ? deref(names->GetDictionary().GetKey("Dests")) : nullptr;
    // Iterative walk over /Kids with a visited set: a cycle or a deep tree cannot hang us.
    std::vector<std::pair<const PdfObject*, int>> todo;
    std::set<const PdfObject*> seen;
    if (tree) {
        todo.emplace_back(tree, 0);
    }
    while (!todo.empty() && m_tree.size() < max_items) {
        auto [node, depth] = todo.back();
        todo.pop_back();
        if (!node || !node->IsDictionary() || depth > max_depth || !seen.insert(node).second) {
            continue;
        }
        const PdfDictionary& d = node->GetDictionary();
        if (const PdfObject* list = deref(d.GetKey("Names")); list && list->IsArray()) {
            const PdfArray& a = list->GetArray();
            for (std::size_t k = 0; k + 1 < a.size(); k += 2) {
                const PdfObject* key = deref(&a[k]);
                if (key && (key->IsString() || key->IsHexString())) {
                    m_tree.emplace(string_bytes(key->GetString()), &a[k + 1]);
                }
            }
        }
        if (const PdfObject* kids = deref(d.GetKey("Kids")); kids && kids->IsArray()) {
            for (const PdfObject& kid : kids->GetArray()) {
                todo.emplace_back(deref(&kid), depth + 1);
            }
        }
    }
}

const PdfObject* Destinations::lookup(const std::string& key)
{
    if (!m_indexed) {
        index_names();
    }
    // Producers mix the two forms: a name may be in the tree and a string in the old dictionary.
    auto it = m_tree.find(key);
    if (it != m_tree.end()) {
        return it->second;
    }
    if (m_old_dests && m_old_dests->IsDictionary()) {
        if (const PdfObject* v = m_old_dests->GetDictionary().GetKey(PdfName(key))) {
            return v;
        }
    }
    return nullptr;
}

std::optional<Target> Destinations::resolve(const PdfObject* dest)
{
    dest = deref(dest);
    for (int hops = 0; dest && hops < 4; ++hops) {
        if (dest->IsArray()) {
            return from_array(dest->GetArray());
        }
        if (dest->IsDictionary()) {
            dest = deref(dest->GetDictionary().GetKey("D"));
            continue;
        }
        if (dest->IsName()) {
            dest = deref(lookup(dest->GetName().GetName()));
            continue;
        }
        if (dest->IsString() || dest->IsHexString()) {
            dest = deref(lookup(string_bytes(dest->GetString())));
            continue;
        }
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<Target> Destinations::resolve_action(const PdfObject* action)
{
    action = deref(action);
    if (!action || !action->IsDictionary()) {
        return std::nullopt;
    }
    const PdfObject* s = deref(action->GetDictionary().GetKey("S"));
    if (!s || !s->IsName() || s->GetName() != PdfName("GoTo")) {
        return std::nullopt;
    }
    return resolve(action->GetDictionary().GetKey("D"));
}

std::vector<SourceOutline> read_outlines(PdfMemDocument& src, Destinations& dests)
{
    std::vector<SourceOutline> roots;
    const PdfObject* catalog = src.GetCatalog();
    const PdfObject* outlines = catalog ? catalog->GetIndirectKey("Outlines") : nullptr;
    if (!outlines || !outlines->IsDictionary()) {
        return roots;
    }
    // Depth-first without recursion: (list to append to, next item reference, depth).
    struct Frame
    {
        std::vector<SourceOutline>* list;
        const PdfObject* next;
        int depth;
    };
    std::set<PdfReference> seen;
    std::size_t items = 0;
    std::vector<Frame> stack{{&roots, outlines->GetDictionary().GetKey("First"), 0}};
    while (!stack.empty()) {
        Frame& f = stack.back();
        const PdfObject* ref = f.next;
        if (!ref || !ref->IsReference() || f.depth > max_depth || ++items > max_items
            || !seen.insert(ref->GetReference()).second) {
            stack.pop_back();
            continue;
        }
        PdfObject* item = src.GetObjects().GetObject(ref->GetReference());
        if (!item || !item->IsDictionary()) {
            stack.pop_back();
            continue;
        }
        const PdfDictionary& d = item->GetDictionary();
        SourceOutline o;
        o.title = text_string(src.GetObjects(), d.GetKey("Title"));
        if (const PdfObject* dest = d.GetKey("Dest")) {
            o.target = dests.resolve(dest);
        } else if (const PdfObject* action = d.GetKey("A")) {
            o.target = dests.resolve_action(action);
        }
        if (const PdfObject* count = d.GetKey("Count"); count && count->IsNumber()) {
            o.open = count->GetNumber() > 0;
        }
        f.next = d.GetKey("Next");
        std::vector<SourceOutline>* list = f.list;
        int depth = f.depth;
        list->push_back(std::move(o));
        if (const PdfObject* first = d.GetKey("First")) {
            stack.push_back({&list->back().children, first, depth + 1}); // f may dangle from here on
        }
    }
    return roots;
}

std::size_t count_outlines(const std::vector<SourceOutline>& list)
{
    std::size_t n = 0;
    for (const auto& o : list) {
        n += 1 + count_outlines(o.children);
    }
    return n;
}

} // namespace evpack::pdf
