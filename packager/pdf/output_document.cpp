#include "pdf/output_document.hpp"

#include "util/error.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdarg>
#include <cstring>
#include <utility>
#include <vector>

using namespace PoDoFo;

namespace evpack::pdf {

FileOutput::FileOutput(const std::string& path) : m_path(path)
{
    m_file = std::fopen(path.c_str(), "wb");
    if (!m_file) {
        fail("cannot create");
    }
    // Fewer, larger writes: most of an appendix is image data copied in big pieces.
    std::setvbuf(m_file, nullptr, _IOFBF, 1 << 20);
}

FileOutput::~FileOutput()
{
    if (m_file) {
        std::fclose(m_file);
    }
}

void FileOutput::fail(const char* what)
{
    std::string why = std::strerror(errno);
    // Whatever PoDoFo writes while the document is abandoned goes nowhere.
    if (m_file) {
        std::fclose(m_file);
        m_file = nullptr;
    }
    throw IoError(Position{m_path}, std::string(what) + " the appendix: " + why);
}

void FileOutput::Write(const char* data, size_t n)
{
    if (!m_file) {
        return;
    }
    if (n && std::fwrite(data, 1, n, m_file) != n) {
        fail("cannot write");
    }
    m_position += n;
    m_length = std::max(m_length, m_position);
}

void FileOutput::Print(const char* format, ...)
{
    va_list args;
    va_start(args, format);
    PrintV(format, 0, args);
    va_end(args);
}

void FileOutput::PrintV(const char* format, long, va_list args)
{
    va_list again;
    va_copy(again, args);
    char small[256];
    int n = std::vsnprintf(small, sizeof small, format, args);
    if (n < 0) {
        va_end(again);
        PODOFO_RAISE_ERROR(ePdfError_InvalidHandle);
    }
    if (static_cast<size_t>(n) < sizeof small) {
        Write(small, static_cast<size_t>(n));
    } else {
        std::vector<char> big(static_cast<size_t>(n) + 1);
        std::vsnprintf(big.data(), big.size(), format, again);
        Write(big.data(), static_cast<size_t>(n));
    }
    va_end(again);
}

void FileOutput::Seek(size_t offset)
{
    if (!m_file) {
        return;
    }
    if (fseeko(m_file, static_cast<off_t>(offset), SEEK_SET) != 0) {
        fail("cannot write");
    }
    m_position = offset;
}

void FileOutput::Flush()
{
    if (m_file && std::fflush(m_file) != 0) {
        fail("cannot write");
    }
}

void FileOutput::close()
{
    if (!m_file) {
        throw IoError(Position{m_path}, "cannot write the appendix");
    }
    std::FILE* f = std::exchange(m_file, nullptr);
    if (std::fclose(f) != 0) {
        m_file = nullptr;
        fail("cannot write");
    }
}

OutputDocument::OutputDocument(const std::string& path, const DocumentInfo& info) : m_out(path)
{
    PdfInfo* i = GetInfo();
    auto text = [](const std::string& s) { return PdfString(reinterpret_cast<const pdf_utf8*>(s.c_str())); };
    i->SetTitle(text(info.title));
    i->SetAuthor(text(info.author));
    i->SetSubject(text(info.subject));
    i->SetKeywords(text(info.keywords));
    i->SetCreator(PdfString(info.creator));
    i->SetProducer(PdfString(info.producer));
    PdfDictionary& d = i->GetObject()->GetDictionary();
    d.AddKey("CreationDate", PdfString(info.date));
    d.AddKey("ModDate", PdfString(info.date));
    // The writer takes the file identifier from the Info dictionary as it is now.
    m_writer = std::make_unique<PdfImmediateWriter>(&m_out, GetObjects(), GetTrailer(), ePdfVersion_1_7, nullptr,
                                                    ePdfWriteMode_Compact);
}

OutputDocument::~OutputDocument()
{
    m_writer.reset(); // before the objects it observes
}

void OutputDocument::close()
{
    EmbedSubsetFonts();
    GetObjects()->Finish();
    m_out.close();
}

ContentCanvas::ContentCanvas(PdfDocument& doc, PdfObject* page) : m_doc(doc), m_page(page) {}

PdfObject* ContentCanvas::GetContents() const { return m_stream; }

PdfObject* ContentCanvas::GetContentsForAppending() const
{
    if (m_stream) {
        return m_stream;
    }
    m_stream = m_doc.GetObjects()->CreateObject();
    PdfDictionary& d = m_page->GetDictionary();
    PdfArray contents;
    if (const PdfObject* c = d.GetKey("Contents")) {
        if (c->IsArray()) {
            contents = c->GetArray();
        } else {
            contents.push_back(*c);
        }
    }
    contents.push_back(m_stream->Reference());
    d.AddKey("Contents", contents);
    return m_stream;
}

PdfObject* ContentCanvas::GetResources() const
{
    PdfDictionary& d = m_page->GetDictionary();
    PdfObject* r = d.GetKey("Resources");
    if (r && r->IsReference()) {
        r = m_doc.GetObjects()->GetObject(r->GetReference());
    }
    if (!r || !r->IsDictionary()) {
        d.AddKey("Resources", PdfDictionary());
        r = d.GetKey("Resources");
    }
    return r;
}

const PdfRect ContentCanvas::GetPageSize() const
{
    const PdfObject* box = m_page->GetDictionary().GetKey("MediaBox");
    if (box && box->IsReference()) {
        box = m_doc.GetObjects()->GetObject(box->GetReference());
    }
    return box && box->IsArray() ? PdfRect(box->GetArray()) : PdfRect(0, 0, 595, 842);
}

} // namespace evpack::pdf
