#include "pdf/sign.hpp"

#include "crypto/sha256.hpp"
#include "pdf/inspect.hpp"
#include "pdf/load.hpp"
#include "pdf/podofo_error.hpp"
#include "pdf/seal_xobject.hpp"
#include "util/error.hpp"
#include "util/file.hpp"

#include <cerrno>
#include <cinttypes>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <podofo/podofo.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

using namespace PoDoFo;

namespace evpack::pdf {

namespace {

constexpr double a4_w = 595.0;
constexpr double bottom_margin = 56.0;

template <typename T> // a PdfDataType or a PdfVariant: both Write themselves
std::string serialize(const T& value)
{
    PdfRefCountedBuffer buffer;
    PdfOutputDevice device(&buffer);
    value.Write(&device, ePdfWriteMode_Compact);
    return std::string(buffer.GetBuffer(), device.GetLength());
}

std::string number(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

// A file descriptor closed on every way out.
class Fd
{
public:
    Fd(const std::string& path, int flags) : m_fd(::open(path.c_str(), flags | O_CLOEXEC)) {}
    ~Fd()
    {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return m_fd; }

private:
    int m_fd;
};

[[noreturn]] void io_fail(const std::string& path, const char* what)
{
    throw IoError(Position{path}, std::string(what) + " the appendix to sign it: " + std::strerror(errno));
}

void write_all(int fd, const char* data, std::size_t n, std::uint64_t offset, const std::string& path)
{
    while (n) {
        ssize_t w = ::pwrite(fd, data, n, static_cast<off_t>(offset));
        if (w <= 0) {
            io_fail(path, "cannot write");
        }
        data += w;
        n -= static_cast<std::size_t>(w);
        offset += static_cast<std::uint64_t>(w);
    }
}

// The offset after the last "startxref": where the unsigned file's cross-reference table is,
// for the update's /Prev.
std::uint64_t last_startxref(int fd, std::uint64_t size, const std::string& path)
{
    std::string tail(static_cast<std::size_t>(std::min<std::uint64_t>(size, 1024)), '\0');
    if (::pread(fd, tail.data(), tail.size(), static_cast<off_t>(size - tail.size())) != static_cast<ssize_t>(tail.size())) {
        io_fail(path, "cannot read");
    }
    std::size_t at = tail.rfind("startxref");
    if (at == std::string::npos) {
        throw Error(Position{path}, "cannot sign: the appendix has no startxref");
    }
    return std::strtoull(tail.c_str() + at + 9, nullptr, 10);
}

// What the unsigned file says that the update must repeat or extend.
struct Base
{
    std::uint64_t size = 0;
    std::uint64_t startxref = 0;
    unsigned next_number = 0; // the trailer's /Size
    PdfReference catalog_ref, page_ref;
    std::string catalog;      // the catalog's dictionary with /AcroForm pointing at ours
    std::string page;         // page 1's dictionary with our widget in /Annots
    std::string fields;       // the /Fields array with our field
    std::string root_info;    // "/Root n g R/Info n g R"
    std::string id0;          // the first element of /ID, as written
};

Base read_base(const std::string& path, int fd, std::uint64_t size, unsigned& widget_number, unsigned& acroform_number)
{
    Base b;
    b.size = size;
    b.startxref = last_startxref(fd, size, path);
    PdfMemDocument doc;
    std::unique_ptr<std::istream> in = load_file(doc, path);
    const PdfDictionary& trailer = doc.GetTrailer()->GetDictionary();
    b.next_number = static_cast<unsigned>(trailer.GetKey("Size")->GetNumber());
    acroform_number = b.next_number++;
    widget_number = b.next_number++;
    PdfReference widget(widget_number, 0);

    PdfObject* catalog = doc.GetCatalog();
    b.catalog_ref = catalog->Reference();
    PdfDictionary cat = catalog->GetDictionary();
    PdfArray fields;
    if (PdfObject* form = catalog->GetIndirectKey("AcroForm"); form && form->IsDictionary()) {
        if (PdfObject* f = form->GetIndirectKey("Fields"); f && f->IsArray()) {
            fields = f->GetArray();
        }
    }
    fields.push_back(widget);
    cat.AddKey("AcroForm", PdfReference(acroform_number, 0));
    b.catalog = serialize(cat);
    b.fields = serialize(fields);

    std::vector<PdfObject*> pages = page_objects(doc);
    if (pages.empty()) {
        throw Error(Position{path}, "cannot sign: the appendix has no pages");
    }
    b.page_ref = pages[0]->Reference();
    PdfDictionary page = pages[0]->GetDictionary();
    PdfArray annots;
    if (PdfObject* a = pages[0]->GetIndirectKey("Annots"); a && a->IsArray()) {
        annots = a->GetArray();
    }
    annots.push_back(widget);
    page.AddKey("Annots", annots);
    b.page = serialize(page);

    auto ref = [](const PdfObject* o) {
        return std::to_string(o->GetReference().ObjectNumber()) + " " + std::to_string(o->GetReference().GenerationNumber()) + " R";
    };
    b.root_info = "/Root " + ref(trailer.GetKey("Root"));
    if (const PdfObject* info = trailer.GetKey("Info"); info && info->IsReference()) {
        b.root_info += "/Info " + ref(info);
    }
    if (const PdfObject* id = trailer.GetKey("ID"); id && id->IsArray() && !id->GetArray().empty()) {
        b.id0 = serialize(static_cast<const PdfVariant&>(id->GetArray()[0]));
    }
    return b;
}

// The incremental update, built in memory (a few kilobytes, plus the seal's image), with the
// offsets of its signature slot.
class Update
{
public:
    Update(const Base& base) : m_base(base) {}

    void object(const PdfReference& ref, const std::string& body)
    {
        m_offsets[ref.ObjectNumber()] = {m_base.size + m_text.size(), ref.GenerationNumber()};
        m_text += std::to_string(ref.ObjectNumber()) + " " + std::to_string(ref.GenerationNumber()) + " obj\n" + body + "\nendobj\n";
    }
    void object(unsigned n, const std::string& body) { object(PdfReference(n, 0), body); }
    void stream(unsigned n, const std::string& dict, const std::string& data)
    {
        object(n, "<<" + dict + "/Length " + std::to_string(data.size()) + ">>stream\n" + data + "\nendstream");
    }

    // The signature dictionary: its /Contents is the slot, a hex string of reserve bytes; its
    // /ByteRange is filled in by finish().
    void signature(unsigned n, const std::string& dict, std::size_t reserve)
    {
        m_offsets[n] = {m_base.size + m_text.size(), 0};
        m_text += std::to_string(n) + " 0 obj\n<<" + dict + "/ByteRange";
        m_byte_range = m_text.size();
        m_text += std::string(byte_range_width, ' ') + "/Contents";
        m_slot = m_text.size();
        m_text += "<" + std::string(2 * reserve, '0') + ">>>\nendobj\n";
        m_slot_end = m_slot + 2 * reserve + 2;
    }

    // Cross-reference section and trailer; then the byte range is known.
    void finish(unsigned size, const std::string& id1)
    {
        std::uint64_t xref = m_base.size + m_text.size();
        m_text += "xref\n";
        for (auto it = m_offsets.begin(); it != m_offsets.end();) {
            auto end = it;
            unsigned count = 0;
            while (end != m_offsets.end() && end->first == it->first + count) {
                ++end;
                ++count;
            }
            m_text += std::to_string(it->first) + " " + std::to_string(count) + "\n";
            for (; it != end; ++it) {
                char line[24];
                std::snprintf(line, sizeof line, "%010" PRIu64 " %05u n \n", it->second.first, it->second.second);
                m_text += line;
            }
        }
        m_text += "trailer\n<</Size " + std::to_string(size) + m_base.root_info + "/Prev " + std::to_string(m_base.startxref);
        if (!m_base.id0.empty()) {
            m_text += "/ID[" + m_base.id0 + id1 + "]";
        }
        m_text += ">>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
        std::string range = "[0 " + std::to_string(slot_offset()) + " " + std::to_string(slot_end_offset()) + " "
            + std::to_string(m_base.size + m_text.size() - slot_end_offset()) + "]";
        if (range.size() > byte_range_width) {
            throw Error("internal error: the byte range does not fit its placeholder");
        }
        m_text.replace(m_byte_range, range.size(), range);
    }

    const std::string& text() const { return m_text; }
    std::uint64_t slot_offset() const { return m_base.size + m_slot; }
    std::uint64_t slot_end_offset() const { return m_base.size + m_slot_end; }
    std::size_t slot_in_text() const { return m_slot; }
    std::size_t slot_end_in_text() const { return m_slot_end; }

private:
    static constexpr std::size_t byte_range_width = 4 * 13 + 2; // four numbers below 10^12, brackets

    const Base& m_base;
    std::string m_text;
    std::map<unsigned, std::pair<std::uint64_t, unsigned>> m_offsets; // number -> offset, generation
    std::size_t m_byte_range = 0, m_slot = 0, m_slot_end = 0;
};

std::string hex(const std::string& bytes)
{
    static const char* digits = "0123456789ABCDEF";
    std::string out;
    out.reserve(2 * bytes.size());
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

// SHA-256 of the unsigned prefix, read from disk.
crypto::Sha256 hash_prefix(int fd, std::uint64_t size, const std::string& path)
{
    crypto::Sha256 h;
    std::vector<char> buf(1 << 20);
    for (std::uint64_t done = 0; done < size;) {
        ssize_t n = ::pread(fd, buf.data(), static_cast<std::size_t>(std::min<std::uint64_t>(buf.size(), size - done)),
                            static_cast<off_t>(done));
        if (n <= 0) {
            io_fail(path, "cannot read");
        }
        h.update(buf.data(), static_cast<std::size_t>(n));
        done += static_cast<std::uint64_t>(n);
    }
    return h;
}

AppendixLayout::Box fit(const AppendixLayout::Box& box, const SealImage& seal)
{
    double aspect = static_cast<double>(seal.height) / seal.width;
    double w = std::min(box.w, box.h / aspect);
    double h = w * aspect;
    return {box.x + (box.w - w) / 2, box.y + (box.h - h) / 2, w, h};
}

} // namespace

AppendixLayout::Box default_seal_box(const SealImage& seal)
{
    double w = seal_width_pt;
    double h = w * seal.height / seal.width;
    return {a4_w - bottom_margin - w, bottom_margin + 40, w, h};
}

SignResult sign_appendix(const std::string& path, const SignOptions& options, const CmsMaker& make_cms)
{
    init_library();
    Fd fd(path, O_RDWR);
    if (fd.get() < 0) {
        io_fail(path, "cannot open");
    }
    struct stat st{};
    if (::fstat(fd.get(), &st) != 0) {
        io_fail(path, "cannot read");
    }
    SignResult result;
    result.unsigned_size = static_cast<std::uint64_t>(st.st_size);
    unsigned widget = 0, acroform = 0;
    Base base;
    try {
        base = read_base(path, fd.get(), result.unsigned_size, widget, acroform);
    } catch (const PdfError& e) {
        throw Error(Position{path}, "cannot sign the appendix: " + describe(e));
    }
    std::optional<SealStreams> seal_data;
    if (options.seal) {
        seal_data = compress_seal(*options.seal);
        result.box = fit(options.seal_box.value_or(default_seal_box(*options.seal)), *options.seal);
    }
    const std::string when = util::format_utc(options.signing_time, "D:%Y%m%d%H%M%S+00'00'");
    std::size_t reserve = options.reserve;
    for (int attempt = 0;; ++attempt) {
        unsigned next = base.next_number;
        Update u(base);
        u.object(base.catalog_ref, base.catalog);
        u.object(base.page_ref, base.page);
        u.object(acroform, "<</Fields" + base.fields + "/SigFlags 3>>");
        const AppendixLayout::Box& b = result.box;
        // Printed (4) and locked (128): the seal is part of the page as a reader shows it.
        std::string widget_dict = "/Type/Annot/Subtype/Widget/FT/Sig/T(Signature1)/F 132/P "
            + std::to_string(base.page_ref.ObjectNumber()) + " " + std::to_string(base.page_ref.GenerationNumber()) + " R";
        if (seal_data) {
            unsigned mask = next++, image = next++, appearance = next++;
            const SealImage& s = *options.seal;
            std::string common = "/Type/XObject/Subtype/Image/Width " + std::to_string(s.width) + "/Height "
                + std::to_string(s.height) + "/BitsPerComponent 8/Filter/FlateDecode";
            u.stream(mask, common + "/ColorSpace/DeviceGray", seal_data->alpha);
            u.stream(image, common + "/ColorSpace/DeviceRGB/SMask " + std::to_string(mask) + " 0 R", seal_data->rgb);
            u.stream(appearance,
                     "/Type/XObject/Subtype/Form/BBox[0 0 " + number(b.w) + " " + number(b.h) + "]/Resources<</XObject<</Seal "
                         + std::to_string(image) + " 0 R>>>>",
                     "q " + number(b.w) + " 0 0 " + number(b.h) + " 0 0 cm /Seal Do Q");
            widget_dict += "/AP<</N " + std::to_string(appearance) + " 0 R>>";
        }
        unsigned sig = next++;
        u.object(widget, "<<" + widget_dict + "/Rect[" + number(b.x) + " " + number(b.y) + " " + number(b.x + b.w) + " "
                             + number(b.y + b.h) + "]/V " + std::to_string(sig) + " 0 R>>");
        PdfDictionary sd;
        sd.AddKey("Type", PdfName("Sig"));
        sd.AddKey("Filter", PdfName("Adobe.PPKLite"));
        sd.AddKey("SubFilter", PdfName("ETSI.CAdES.detached"));
        sd.AddKey("M", PdfString(when));
        if (!options.name.empty()) {
            sd.AddKey("Name", PdfString(reinterpret_cast<const pdf_utf8*>(options.name.c_str())));
        }
        if (!options.reason.empty()) {
            sd.AddKey("Reason", PdfString(reinterpret_cast<const pdf_utf8*>(options.reason.c_str())));
        }
        std::string sd_text = serialize(sd);
        u.signature(sig, sd_text.substr(2, sd_text.size() - 4), reserve);
        u.finish(next, "<" + crypto::sha256_hex(base.id0 + when).substr(0, 32) + ">");

        if (::ftruncate(fd.get(), static_cast<off_t>(result.unsigned_size)) != 0) {
            io_fail(path, "cannot write");
        }
        write_all(fd.get(), u.text().data(), u.text().size(), result.unsigned_size, path);
        // The file less the slot, for the signature; the prefix's state is kept for the file's own hash.
        crypto::Sha256 prefix = hash_prefix(fd.get(), result.unsigned_size, path);
        crypto::Sha256 signed_bytes(prefix);
        const std::string& t = u.text();
        signed_bytes.update(t.data(), u.slot_in_text());
        signed_bytes.update(t.data() + u.slot_end_in_text(), t.size() - u.slot_end_in_text());
        std::string cms = make_cms(signed_bytes.digest());
        if (cms.size() > reserve) {
            if (attempt > 0) {
                throw Error(Position{path}, "cannot sign: the signature (" + std::to_string(cms.size())
                                                + " bytes) keeps outgrowing the room kept for it");
            }
            reserve = cms.size() + 1024;
            continue;
        }
        std::string contents = hex(cms);
        write_all(fd.get(), contents.data(), contents.size(), u.slot_offset() + 1, path);
        std::string update = t;
        update.replace(u.slot_in_text() + 1, contents.size(), contents);
        prefix.update(update.data(), update.size());
        result.sha256 = prefix.hex_digest();
        result.signed_size = result.unsigned_size + u.text().size();
        result.cms_size = cms.size();
        return result;
    }
}

} // namespace evpack::pdf
