#include "pdf/importer.hpp"

#include "pdf/load.hpp"

#include <deque>
#include <memory>
#include <set>

using namespace PoDoFo;

namespace evpack::pdf {

namespace {

class Copier
{
public:
    Copier(PdfMemDocument& src, PdfDocument& dst) : m_src(src), m_dst(dst) {}

    void map(const PdfReference& from, PdfObject* to) { m_map[from] = to->Reference(); }

    // A copy of a direct value with every reference mapped; unseen references are queued.
    PdfVariant copy_value(const PdfVariant& v)
    {
        switch (v.GetDataType()) {
        case ePdfDataType_Reference:
            return PdfVariant(target(v.GetReference()));
        case ePdfDataType_Array: {
            PdfArray out;
            for (const PdfObject& item : v.GetArray()) {
                out.push_back(copy_value(item));
            }
            return PdfVariant(out);
        }
        case ePdfDataType_Dictionary: {
            PdfDictionary out;
            for (const auto& [key, value] : v.GetDictionary().GetKeys()) {
                out.AddKey(key, copy_value(*value));
            }
            return PdfVariant(out);
        }
        default:
            return v;
        }
    }

    // Copies queued indirect objects until none is left (iterative: deep chains cannot blow the stack).
    void drain()
    {
        while (!m_queue.empty()) {
            auto [from, to] = m_queue.front();
            m_queue.pop_front();
            PdfObject* src = m_src.GetObjects().GetObject(from);
            if (!src) {
                continue; // a dangling reference stays a null object
            }
            copy_object(*src, *to);
        }
    }

    void copy_object(PdfObject& src, PdfObject& dst)
    {
        if (!src.HasStream()) {
            static_cast<PdfVariant&>(dst) = copy_value(src);
        } else {
            // The dictionary first, whole: the stream data is written out right after it. The
            // source's /Length is not copied; ours is set as the data is written.
            PdfDictionary d;
            if (src.IsDictionary()) {
                for (const auto& [key, value] : src.GetDictionary().GetKeys()) {
                    if (key != PdfName::KeyLength) {
                        d.AddKey(key, copy_value(*value));
                    }
                }
            }
            static_cast<PdfVariant&>(dst) = PdfVariant(d);
            char* buf = nullptr;
            pdf_long len = 0;
            // GetCopy gives the stream as stored (still encoded): it is copied, never re-encoded.
            src.GetStream()->GetCopy(&buf, &len);
            std::unique_ptr<char, void (*)(void*)> hold(buf, podofo_free);
            PdfStream* out = dst.GetStream();
            out->BeginAppend(TVecFilters(), true, false);
            out->Append(buf, static_cast<size_t>(len));
            out->EndAppend();
        }
    }

    PdfReference target(const PdfReference& from)
    {
        auto it = m_map.find(from);
        if (it != m_map.end()) {
            return it->second;
        }
        PdfObject* to = m_dst.GetObjects()->CreateObject();
        m_map[from] = to->Reference();
        m_queue.emplace_back(from, to);
        return to->Reference();
    }

private:
    PdfMemDocument& m_src;
    PdfDocument& m_dst;
    std::map<PdfReference, PdfReference> m_map;
    std::deque<std::pair<PdfReference, PdfObject*>> m_queue;
};

// Looks a key up the page tree: Resources, MediaBox, CropBox and Rotate are inheritable.
const PdfObject* inherited(PdfMemDocument& src, PdfObject* page, const char* key)
{
    std::set<PdfReference> seen;
    PdfObject* node = page;
    while (node && node->IsDictionary()) {
        if (!node->Reference().IsIndirect() || seen.insert(node->Reference()).second) {
            if (const PdfObject* value = node->GetDictionary().GetKey(key)) {
                return value;
            }
        } else {
            break; // a cycle in /Parent
        }
        const PdfObject* parent = node->GetDictionary().GetKey("Parent");
        if (!parent || !parent->IsReference()) {
            break;
        }
        node = src.GetObjects().GetObject(parent->GetReference());
    }
    return nullptr;
}

// The GoTo links of a source page, in the order of its /Annots (which the copy keeps).
void collect_links(PdfMemDocument& src, PdfObject* page, std::size_t page_index, Destinations& dests,
                   std::vector<ImportedLink>& out)
{
    const PdfObject* annots = page->GetDictionary().GetKey("Annots");
    if (annots && annots->IsReference()) {
        annots = src.GetObjects().GetObject(annots->GetReference());
    }
    if (!annots || !annots->IsArray()) {
        return;
    }
    const PdfArray& list = annots->GetArray();
    for (std::size_t k = 0; k < list.size(); ++k) {
        const PdfObject* a = &list[k];
        if (a->IsReference()) {
            a = src.GetObjects().GetObject(a->GetReference());
        }
        if (!a || !a->IsDictionary()) {
            continue;
        }
        const PdfDictionary& d = a->GetDictionary();
        if (const PdfObject* dest = d.GetKey("Dest")) {
            out.push_back({page_index, k, dests.resolve(dest)});
            continue;
        }
        const PdfObject* action = d.GetKey("A");
        if (action && action->IsReference()) {
            action = src.GetObjects().GetObject(action->GetReference());
        }
        const PdfObject* type = action && action->IsDictionary() ? action->GetDictionary().GetKey("S") : nullptr;
        if (type && type->IsName() && type->GetName() == PdfName("GoTo")) {
            out.push_back({page_index, k, dests.resolve_action(action)});
        }
    }
}

} // namespace

ImportedPages import_pages(PdfMemDocument& src, PdfDocument& dst)
{
    ImportedPages result;
    Copier copier(src, dst);
    std::vector<PdfObject*> src_pages = page_objects(src);
    int count = static_cast<int>(src_pages.size());
    std::map<PdfReference, int> index;
    for (int i = 0; i < count; ++i) {
        PdfObject* page = src_pages[static_cast<std::size_t>(i)];
        PdfObject* copy = dst.GetObjects()->CreateObject(PdfDictionary());
        copier.map(page->Reference(), copy);
        index[page->Reference()] = i;
        result.pages.push_back(copy);
    }
    for (int i = 0; i < count; ++i) {
        PdfObject* page = src_pages[static_cast<std::size_t>(i)];
        PdfDictionary out;
        for (const auto& [key, value] : page->GetDictionary().GetKeys()) {
            // /Parent is replaced by ours; /B (article beads) and /StructParents point into
            // structures we do not copy.
            if (key == PdfName("Parent") || key == PdfName("B") || key == PdfName("StructParents")) {
                continue;
            }
            out.AddKey(key, copier.copy_value(*value));
        }
        for (const char* key : {"Resources", "MediaBox", "CropBox", "Rotate"}) {
            if (!out.HasKey(key)) {
                if (const PdfObject* v = inherited(src, page, key)) {
                    out.AddKey(key, copier.copy_value(*v));
                }
            }
        }
        if (!out.HasKey("MediaBox")) {
            PdfVariant a4;
            PdfRect(0, 0, 595, 842).ToVariant(a4); // A4, as readers assume
            out.AddKey("MediaBox", a4);
        }
        if (!out.HasKey("Resources")) {
            out.AddKey("Resources", PdfDictionary());
        }
        PdfDictionary& target = result.pages[static_cast<std::size_t>(i)]->GetDictionary();
        for (const auto& [key, value] : out.GetKeys()) {
            target.AddKey(key, *value);
        }
        copier.drain();
    }
    Destinations dests(src, index);
    for (int i = 0; i < count; ++i) {
        collect_links(src, src_pages[static_cast<std::size_t>(i)], static_cast<std::size_t>(i), dests, result.links);
    }
    result.outlines = read_outlines(src, dests);
    return result;
}

} // namespace evpack::pdf
