#include "pdf/signature_fields.hpp"

#include <set>

using namespace PoDoFo;

namespace evpack::pdf {

namespace {

const PdfObject* get(PdfMemDocument& doc, const PdfObject* dict, const char* key)
{
    if (!dict || !dict->IsDictionary()) {
        return nullptr;
    }
    const PdfObject* o = dict->GetDictionary().GetKey(key);
    if (o && o->IsReference()) {
        o = doc.GetObjects().GetObject(o->GetReference());
    }
    return o;
}

std::string text(const PdfObject* o) { return o && (o->IsString() || o->IsHexString()) ? o->GetString().GetStringUtf8() : ""; }

void collect(PdfMemDocument& doc, const PdfObject* fields, std::vector<PdfSignature>& out, std::set<PdfReference>& seen,
             int depth)
{
    if (!fields || !fields->IsArray() || depth > 16) {
        return;
    }
    for (const PdfObject& item : fields->GetArray()) {
        if (!item.IsReference() || !seen.insert(item.GetReference()).second) {
            continue;
        }
        const PdfObject* field = doc.GetObjects().GetObject(item.GetReference());
        if (!field || !field->IsDictionary()) {
            continue;
        }
        collect(doc, get(doc, field, "Kids"), out, seen, depth + 1);
        const PdfObject* type = get(doc, field, "FT");
        const PdfObject* value = get(doc, field, "V");
        if (!type || !type->IsName() || type->GetName().GetName() != "Sig" || !value || !value->IsDictionary()) {
            continue;
        }
        PdfSignature sig;
        sig.field = text(get(doc, field, "T"));
        if (const PdfObject* range = get(doc, value, "ByteRange"); range && range->IsArray()) {
            for (const PdfObject& n : range->GetArray()) {
                sig.byte_range.push_back(n.IsNumber() ? n.GetNumber() : -1);
            }
        }
        if (const PdfObject* c = get(doc, value, "Contents"); c && (c->IsString() || c->IsHexString())) {
            const PdfString& s = c->GetString();
            sig.contents.assign(s.GetString(), static_cast<std::size_t>(s.GetLength()));
        }
        if (const PdfObject* f = get(doc, value, "SubFilter"); f && f->IsName()) {
            sig.sub_filter = f->GetName().GetName();
        }
        sig.time = text(get(doc, value, "M"));
        sig.name = text(get(doc, value, "Name"));
        out.push_back(std::move(sig));
    }
}

} // namespace

std::vector<PdfSignature> read_signatures(PdfMemDocument& doc)
{
    std::vector<PdfSignature> out;
    const PdfObject* form = get(doc, doc.GetCatalog(), "AcroForm");
    std::set<PdfReference> seen;
    collect(doc, get(doc, form, "Fields"), out, seen, 0);
    return out;
}

} // namespace evpack::pdf
