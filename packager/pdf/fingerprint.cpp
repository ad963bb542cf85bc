#include "pdf/fingerprint.hpp"

#include "crypto/sha256.hpp"
#include "evidence/image.hpp"
#include "pdf/inspect.hpp"
#include "pdf/podofo_error.hpp"
#include "pdf/repair.hpp"
#include "util/error.hpp"

#include <podofo/podofo.h>
#include <memory>
#include <set>

using namespace PoDoFo;

namespace evpack::pdf {

namespace {

std::string decoded(PdfObject* stream_obj)
{
    if (!stream_obj || !stream_obj->HasStream()) {
        return "";
    }
    char* buf = nullptr;
    pdf_long len = 0;
    stream_obj->GetStream()->GetFilteredCopy(&buf, &len);
    std::string out(buf, static_cast<std::size_t>(len));
    podofo_free(buf);
    return out;
}

std::string raw(PdfObject* stream_obj)
{
    char* buf = nullptr;
    pdf_long len = 0;
    stream_obj->GetStream()->GetCopy(&buf, &len);
    std::string out(buf, static_cast<std::size_t>(len));
    podofo_free(buf);
    return out;
}

PdfObject* resolve(PdfMemDocument& doc, const PdfObject* o)
{
    if (!o) {
        return nullptr;
    }
    if (o->IsReference()) {
        return doc.GetObjects().GetObject(o->GetReference());
    }
    return const_cast<PdfObject*>(o);
}

std::vector<PdfObject*> content_streams(PdfMemDocument& doc, PdfObject* page)
{
    std::vector<PdfObject*> out;
    PdfObject* c = resolve(doc, page->GetDictionary().GetKey("Contents"));
    if (!c) {
        return out;
    }
    if (c->IsArray()) {
        for (const PdfObject& item : c->GetArray()) {
            if (PdfObject* s = resolve(doc, &item)) {
                out.push_back(s);
            }
        }
    } else {
        out.push_back(c);
    }
    return out;
}

// Loads as build does: what PoDoFo cannot read, or reads encrypted, goes through qpdf first.
// keep_alive holds the rewritten bytes the document reads from.
std::unique_ptr<PdfMemDocument> load(const std::string& bytes, std::string& keep_alive)
{
    auto doc = std::make_unique<PdfMemDocument>();
    try {
        doc->LoadFromBuffer(bytes.data(), static_cast<long>(bytes.size()));
        if (!doc->GetEncrypted()) {
            return doc;
        }
    } catch (const PdfError& e) {
        if (e.GetError() == ePdfError_InvalidPassword) {
            throw Error(describe(e));
        }
    }
    RepairResult r = try_repair_buffer(bytes, true);
    if (!r.ok) {
        throw Error("not a readable PDF: " + r.message);
    }
    keep_alive = std::move(r.data);
    doc = std::make_unique<PdfMemDocument>();
    doc->LoadFromBuffer(keep_alive.data(), static_cast<long>(keep_alive.size()));
    return doc;
}

void read_outlines(PdfMemDocument& doc, const PdfObject* first, const std::map<PdfReference, int>& pages,
                   std::vector<AppendixOutline>& out, std::set<PdfReference>& seen, int depth)
{
    const PdfObject* ref = first;
    while (ref && ref->IsReference() && depth < 16 && seen.insert(ref->GetReference()).second) {
        PdfObject* item = doc.GetObjects().GetObject(ref->GetReference());
        if (!item || !item->IsDictionary()) {
            return;
        }
        AppendixOutline o;
        if (const PdfObject* t = item->GetDictionary().GetKey("Title"); t && t->IsString()) {
            o.title = t->GetString().GetStringUtf8();
        }
        const PdfObject* dest = resolve(doc, item->GetDictionary().GetKey("Dest"));
        if (dest && dest->IsArray() && !dest->GetArray().empty() && dest->GetArray()[0].IsReference()) {
            auto it = pages.find(dest->GetArray()[0].GetReference());
            o.page = it == pages.end() ? 0 : it->second;
        }
        read_outlines(doc, item->GetDictionary().GetKey("First"), pages, o.children, seen, depth + 1);
        out.push_back(std::move(o));
        ref = item->GetDictionary().GetKey("Next");
    }
}

} // namespace

AppendixFacts read_appendix(const std::string& pdf_bytes)
{
    init_library();
    AppendixFacts facts;
    try {
        PdfMemDocument doc;
        doc.LoadFromBuffer(pdf_bytes.data(), static_cast<long>(pdf_bytes.size()));
        facts.pages = doc.GetPageCount();
        std::map<PdfReference, int> index;
        for (int i = 0; i < facts.pages; ++i) {
            PdfObject* page = doc.GetPage(i)->GetObject();
            index[page->Reference()] = i + 1;
            std::vector<PdfObject*> streams = content_streams(doc, page);
            std::string fp;
            // Imported page: [q, source streams…, Q, stamp]; q and Q are tiny shared streams.
            if (streams.size() >= 3 && decoded(streams.front()) == "q\n") {
                std::size_t close = streams.size() - 2;
                if (decoded(streams[close]) == "Q\n") {
                    crypto::Sha256 h;
                    for (std::size_t k = 1; k < close; ++k) {
                        std::string d = decoded(streams[k]);
                        h.update(d.data(), d.size());
                    }
                    fp = h.hex_digest();
                }
            }
            if (fp.empty()) {
                // Image page: the one image evpack placed, named Im0.
                PdfObject* res = resolve(doc, page->GetDictionary().GetKey("Resources"));
                PdfObject* xobjects = res && res->IsDictionary() ? resolve(doc, res->GetDictionary().GetKey("XObject")) : nullptr;
                PdfObject* image = xobjects && xobjects->IsDictionary() ? resolve(doc, xobjects->GetDictionary().GetKey("Im0")) : nullptr;
                if (image && image->HasStream()) {
                    fp = crypto::sha256_hex(raw(image));
                }
            }
            facts.page_fingerprints.push_back(fp);
        }
        if (const PdfObject* root = doc.GetCatalog()->GetIndirectKey("Outlines"); root && root->IsDictionary()) {
            std::set<PdfReference> seen;
            read_outlines(doc, root->GetDictionary().GetKey("First"), index, facts.outlines, seen, 0);
        }
    } catch (const PdfError& e) {
        throw Error("the appendix cannot be read: " + describe(e));
    }
    return facts;
}

std::optional<std::vector<std::string>> evidence_fingerprints(const std::string& bytes, evidence::FileType type)
{
    switch (type) {
    case evidence::FileType::jpeg:
        return std::vector<std::string>{crypto::sha256_hex(bytes)};
    case evidence::FileType::png: {
        // Colour type at byte 25, interlace at 28 of IHDR; build passes through only these.
        evidence::PngChunks chunks = evidence::png_chunks(bytes);
        if (bytes.size() < 33 || bytes[28] != 0 || bytes[25] == 4 || bytes[25] == 6 || chunks.idat.empty()
            || chunks.has_trns) {
            return std::nullopt;
        }
        return std::vector<std::string>{crypto::sha256_hex(chunks.idat)};
    }
    case evidence::FileType::pdf:
        break;
    default:
        return std::nullopt;
    }
    init_library();
    std::vector<std::string> out;
    try {
        std::string keep_alive;
        std::unique_ptr<PdfMemDocument> doc = load(bytes, keep_alive);
        for (int i = 0; i < doc->GetPageCount(); ++i) {
            crypto::Sha256 h;
            for (PdfObject* s : content_streams(*doc, doc->GetPage(i)->GetObject())) {
                std::string d = decoded(s);
                h.update(d.data(), d.size());
            }
            out.push_back(h.hex_digest());
        }
    } catch (const PdfError& e) {
        throw Error(describe(e));
    }
    return out;
}

} // namespace evpack::pdf
