#include "pdf/fingerprint.hpp"

#include "crypto/sha256.hpp"
#include "evidence/image.hpp"
#include "pdf/inspect.hpp"
#include "pdf/load.hpp"
#include "pdf/outline_import.hpp"
#include "pdf/page_layout.hpp"
#include "pdf/podofo_error.hpp"
#include "pdf/repair.hpp"
#include "pdf/text_string.hpp"
#include "pdf/signature_fields.hpp"
#include "util/error.hpp"
#include "util/file.hpp"

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

// Adds a stream's bytes as stored, read in place. Build copies streams byte for byte, so the
// stored bytes compare as well as the decoded ones, without inflating them.
void hash_raw(crypto::Sha256& h, PdfObject* stream_obj)
{
    if (!stream_obj || !stream_obj->HasStream()) {
        return;
    }
    PdfStream* stream = stream_obj->GetStream();
    if (auto* mem = dynamic_cast<PdfMemStream*>(stream); mem && mem->Get()) {
        h.update(mem->Get(), static_cast<std::size_t>(mem->GetLength()));
        return;
    }
    char* buf = nullptr;
    pdf_long len = 0;
    stream->GetCopy(&buf, &len);
    std::unique_ptr<char, void (*)(void*)> hold(buf, podofo_free);
    h.update(buf, static_cast<std::size_t>(len));
}

std::string raw_sha256(PdfObject* stream_obj)
{
    crypto::Sha256 h;
    hash_raw(h, stream_obj);
    return h.hex_digest();
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

// Frees what PoDoFo read for an object; it reads it again if asked. Keeps verify's memory to
// one page's streams whatever the document's size.
void release(PdfObject* o)
{
    if (auto* parsed = dynamic_cast<PdfParserObject*>(o)) {
        parsed->FreeObjectMemory(true);
    }
}

// A document and what it reads from; the document is declared last so that it goes first.
struct Loaded
{
    std::unique_ptr<std::istream> file;
    std::string repaired;
    std::unique_ptr<PdfMemDocument> doc = std::make_unique<PdfMemDocument>();
};

// Loads as build does: what PoDoFo cannot read, or reads encrypted, goes through qpdf first.
void load(Loaded& l, const util::FileRange& file)
{
    try {
        l.file = load_file(*l.doc, file);
        if (!l.doc->GetEncrypted()) {
            return;
        }
    } catch (const PdfError& e) {
        if (e.GetError() == ePdfError_InvalidPassword) {
            throw Error(describe(e));
        }
    }
    RepairResult r = file.size ? try_repair_buffer(util::read_file(file), true) : try_repair(file.path, true);
    if (!r.ok) {
        throw Error("not a readable PDF: " + r.message);
    }
    l.doc = std::make_unique<PdfMemDocument>();
    l.repaired = std::move(r.data);
    l.doc->LoadFromBuffer(l.repaired.data(), static_cast<long>(l.repaired.size()));
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
        o.title = text_string(doc.GetObjects(), item->GetDictionary().GetKey("Title"));
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

AppendixFacts read_appendix(const util::FileRange& file)
{
    init_library();
    AppendixFacts facts;
    try {
        PdfMemDocument doc;
        std::unique_ptr<std::istream> in = load_file(doc, file);
        std::vector<PdfObject*> pages = page_objects(doc);
        facts.pages = static_cast<int>(pages.size());
        std::map<PdfReference, int> index;
        for (int i = 0; i < facts.pages; ++i) {
            PdfObject* page = pages[static_cast<std::size_t>(i)];
            index[page->Reference()] = i + 1;
            std::vector<PdfObject*> streams = content_streams(doc, page);
            std::string fp;
            // Imported page: [placement prefix, source streams…, Q, marks]; Q is shared.
            Matrix cm;
            Rect clip;
            if (streams.size() >= 3 && parse_placement_prefix(decoded(streams.front()), cm, clip)) {
                std::size_t close = streams.size() - 2;
                if (decoded(streams[close]) == "Q\n") {
                    crypto::Sha256 h;
                    for (std::size_t k = 1; k < close; ++k) {
                        hash_raw(h, streams[k]);
                    }
                    fp = h.hex_digest();
                }
            }
            for (PdfObject* s : streams) {
                release(s);
            }
            if (fp.empty()) {
                // Image page: the one image evpack placed, named Im0.
                PdfObject* res = resolve(doc, page->GetDictionary().GetKey("Resources"));
                PdfObject* xobjects = res && res->IsDictionary() ? resolve(doc, res->GetDictionary().GetKey("XObject")) : nullptr;
                PdfObject* image = xobjects && xobjects->IsDictionary() ? resolve(doc, xobjects->GetDictionary().GetKey("Im0")) : nullptr;
                if (image && image->HasStream()) {
                    fp = raw_sha256(image);
                    release(image);
                }
            }
            facts.page_fingerprints.push_back(fp);
        }
        if (const PdfObject* root = doc.GetCatalog()->GetIndirectKey("Outlines"); root && root->IsDictionary()) {
            std::set<PdfReference> seen;
            read_outlines(doc, root->GetDictionary().GetKey("First"), index, facts.outlines, seen, 0);
        }
        facts.signatures = read_signatures(doc);
    } catch (const PdfError& e) {
        throw Error("the appendix cannot be read: " + describe(e));
    }
    return facts;
}

namespace {

std::vector<AppendixOutline> to_appendix_outlines(const std::vector<SourceOutline>& list)
{
    std::vector<AppendixOutline> out;
    for (const SourceOutline& o : list) {
        out.push_back({o.title, o.target ? o.target->page + 1 : 0, to_appendix_outlines(o.children)});
    }
    return out;
}

std::optional<std::vector<std::string>> fingerprints_of(const util::FileRange& file, evidence::FileType type,
                                                        std::vector<AppendixOutline>* outlines)
{
    switch (type) {
    case evidence::FileType::jpeg:
        return std::vector<std::string>{crypto::sha256_hex(util::read_file(file))};
    case evidence::FileType::png: {
        std::string bytes = util::read_file(file);
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
        Loaded loaded;
        load(loaded, file);
        PdfMemDocument& doc = *loaded.doc;
        std::vector<PdfObject*> pages = page_objects(doc);
        if (outlines) {
            std::map<PdfReference, int> index;
            for (std::size_t k = 0; k < pages.size(); ++k) {
                index[pages[k]->Reference()] = static_cast<int>(k);
            }
            Destinations dests(doc, index);
            *outlines = to_appendix_outlines(read_outlines(doc, dests));
        }
        for (PdfObject* page : pages) {
            crypto::Sha256 h;
            for (PdfObject* s : content_streams(doc, page)) {
                hash_raw(h, s);
                release(s);
            }
            out.push_back(h.hex_digest());
        }
    } catch (const PdfError& e) {
        throw Error(describe(e));
    }
    return out;
}

} // namespace

std::optional<std::vector<std::string>> evidence_fingerprints(const util::FileRange& file, evidence::FileType type)
{
    return fingerprints_of(file, type, nullptr);
}

EvidenceFacts read_evidence(const util::FileRange& file, evidence::FileType type)
{
    EvidenceFacts facts;
    facts.fingerprints = fingerprints_of(file, type, &facts.outlines);
    return facts;
}

} // namespace evpack::pdf
