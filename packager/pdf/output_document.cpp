#include "pdf/output_document.hpp"

#include "crypto/sha256.hpp"
#include "util/error.hpp"
#include "util/interrupt.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdarg>
#include <cinttypes>
#include <cstring>
#include <optional>
#include <utility>
#include <vector>

using namespace PoDoFo;

namespace evpack::pdf {

FileOutput::FileOutput(const std::string& path) : m_path(path)
{
    // The caller's atomic temporary, registered for removal on Ctrl-C.
    m_file = util::reopen_temporary_file(path);
    if (!m_file) {
        fail("cannot open");
    }
    // Fewer, larger writes: with stdio's default 4 KiB buffer, writing the large benchmark's
    // appendix took 120,000 write calls. (glibc ignores the size unless given the buffer.)
    constexpr std::size_t size = 1 << 20;
    m_buffer.reset(new char[size]);
    std::setvbuf(m_file, m_buffer.get(), _IOFBF, size);
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

// A stream written to the file as it is appended, like PoDoFo's PdfFileStream, but with its
// /Length written as a number when it is known before the dictionary must be: the data is held
// back until EndAppend, or until it passes spool_limit, when the dictionary goes out with an
// indirect /Length as PdfFileStream does. PdfFileStream gives every stream a length object of
// its own, and a reader such as PoDoFo pays about a kilobyte for each object it parses: half
// of the appendix's objects were those lengths, and verify's peak memory on the large
// benchmark rose past its target with them.
class SpoolStream : public PdfStream
{
public:
    SpoolStream(PdfObject* parent, FileOutput& out) : PdfStream(parent), m_out(out), m_sink(*this) {}
    ~SpoolStream() override { close_filters(); }
    SpoolStream(const SpoolStream&) = delete;
    SpoolStream& operator=(const SpoolStream&) = delete;

    // The data has been written to the file: WriteObject writes the dictionary only.
    void Write(PdfOutputDevice*, PdfEncrypt*) override {}
    pdf_long GetLength() const override { return static_cast<pdf_long>(m_length); }
    void GetCopy(char**, pdf_long*) const override { PODOFO_RAISE_ERROR(ePdfError_InternalLogic); }
    void GetCopy(PdfOutputStream*) const override { PODOFO_RAISE_ERROR(ePdfError_InternalLogic); }

protected:
    const char* GetInternalBuffer() const override { return nullptr; }
    pdf_long GetInternalBufferSize() const override { return 0; }

    void BeginAppendImpl(const TVecFilters& filters) override
    {
        m_length = 0;
        m_spool.clear();
        m_filters.reset(filters.empty() ? nullptr : PdfFilterFactory::CreateEncodeStream(filters, &m_sink));
    }
    void AppendImpl(const char* data, size_t n) override
    {
        if (m_filters) {
            m_filters->Write(data, static_cast<pdf_long>(n));
        } else {
            encoded(data, n);
        }
    }
    void EndAppendImpl() override
    {
        close_filters();
        if (m_length_object) {
            m_length_object->SetNumber(static_cast<pdf_int64>(m_length));
            return;
        }
        m_pParent->GetDictionary().AddKey(PdfName::KeyLength, static_cast<pdf_int64>(m_length));
        start();
        m_out.Write(m_spool.data(), m_spool.size());
        std::string().swap(m_spool);
    }

private:
    static constexpr std::size_t spool_limit = 1 << 20;

    class Sink : public PdfOutputStream
    {
    public:
        explicit Sink(SpoolStream& s) : m_stream(s) {}
        pdf_long Write(const char* data, pdf_long n) override
        {
            m_stream.encoded(data, static_cast<size_t>(n));
            return n;
        }
        void Close() override {}

    private:
        SpoolStream& m_stream;
    };

    // The dictionary and "stream": from here on the data goes to the file.
    void start() { m_pParent->GetOwner()->WriteObject(m_pParent); }

    void encoded(const char* data, size_t n)
    {
        m_length += n;
        if (m_length_object) {
            m_out.Write(data, n);
            return;
        }
        m_spool.append(data, n);
        if (m_spool.size() > spool_limit) {
            m_length_object = m_pParent->GetOwner()->CreateObject(PdfVariant(static_cast<pdf_int64>(0)));
            m_pParent->GetDictionary().AddKey(PdfName::KeyLength, m_length_object->Reference());
            start();
            m_out.Write(m_spool.data(), m_spool.size());
            std::string().swap(m_spool);
        }
    }

    void close_filters()
    {
        if (m_filters) {
            std::unique_ptr<PdfOutputStream> f = std::move(m_filters);
            f->Close();
        }
    }

    FileOutput& m_out;
    Sink m_sink;
    std::unique_ptr<PdfOutputStream> m_filters;
    std::string m_spool;
    std::size_t m_length = 0;
    PdfObject* m_length_object = nullptr;
};

// PoDoFo's PdfImmediateWriter with a cross-reference table of our own. Its PdfXRef keeps a block
// per run of consecutive object numbers and, for each object written, scans the blocks and
// sorts them: here a stream with an indirect /Length starts a block (the length object, written
// at the end, comes between it and the next stream), so writing was quadratic in the number of streams — 14% of
// build's CPU on the large benchmark corpus and growing. Here an object's offset is a slot in a
// vector indexed by its number.
class StreamWriter : private PdfVecObjects::Observer, private PdfVecObjects::StreamFactory
{
public:
    StreamWriter(FileOutput& out, PdfVecObjects& objects, const PdfObject& trailer)
        : m_out(out), m_objects(&objects), m_trailer(trailer)
    {
        m_objects->Attach(this);
        m_objects->SetStreamFactory(this);
        m_out.Print("%%PDF-1.7\n%%\xe2\xe3\xcf\xd3\n");
    }
    ~StreamWriter() override
    {
        if (m_objects) {
            m_objects->Detach(this);
        }
    }
    StreamWriter(const StreamWriter&) = delete;
    StreamWriter& operator=(const StreamWriter&) = delete;

private:
    struct Entry
    {
        std::uint64_t offset = 0;
        std::uint16_t generation = 0;
        bool used = false;
    };

    void record(const PdfReference& ref)
    {
        std::size_t n = ref.ObjectNumber();
        if (n >= m_entries.size()) {
            m_entries.resize(std::max<std::size_t>(n + 1, m_entries.size() * 2));
        }
        m_entries[n] = Entry{m_out.Tell(), ref.GenerationNumber(), true};
    }

    // A stream object's dictionary, when its data begins: the data follows as it is appended.
    void WriteObject(const PdfObject* object) override
    {
        finish_stream();
        record(object->Reference());
        object->WriteObject(&m_out, ePdfWriteMode_Compact, nullptr);
        const_cast<PdfObject*>(object)->SetImmutable(true);
        // WriteObject ended with "endobj\n"; "stream\n" has the same length.
        m_out.Seek(m_out.Tell() - 7);
        m_out.Print("stream\n");
        m_last = object->Reference();
    }

    void finish_stream()
    {
        if (m_last) {
            m_out.Print("\nendstream\nendobj\n");
            delete m_objects->RemoveObject(*m_last, false);
            m_last.reset();
        }
    }

    void ParentDestructed() override { m_objects = nullptr; }

    void BeginAppendStream(const PdfStream* stream) override
    {
        if (dynamic_cast<const SpoolStream*>(stream)) {
            m_open_stream = true;
        }
    }
    void EndAppendStream(const PdfStream* stream) override
    {
        if (dynamic_cast<const SpoolStream*>(stream)) {
            m_open_stream = false;
        }
    }

    // Only one stream can be written to the file at a time; another one opened meanwhile (a
    // font's, say) is kept in memory and written with the dictionaries.
    PdfStream* CreateStream(PdfObject* parent) override
    {
        return m_open_stream ? static_cast<PdfStream*>(new PdfMemStream(parent))
                             : static_cast<PdfStream*>(new SpoolStream(parent, m_out));
    }

    // The objects still in memory, the cross-reference table (one section; numbers not in use
    // are free entries chained in order) and the trailer.
    void Finish() override
    {
        finish_stream();
        for (PdfObject* object : *m_objects) {
            record(object->Reference());
            object->WriteObject(&m_out, ePdfWriteMode_Compact, nullptr);
        }
        // Numbers up to the highest in use; those between that were freed or never written are free.
        std::size_t size = m_entries.size();
        while (size > 1 && !m_entries[size - 1].used) {
            --size;
        }
        m_entries.resize(std::max<std::size_t>(size, 1));
        size = m_entries.size();
        for (const PdfReference& ref : m_objects->GetFreeObjects()) {
            if (ref.ObjectNumber() < size && !m_entries[ref.ObjectNumber()].used) {
                m_entries[ref.ObjectNumber()].generation = ref.GenerationNumber();
            }
        }
        std::string id = file_identifier();
        std::uint64_t xref = m_out.Tell();
        m_out.Print("xref\n0 %zu\n", size);
        auto next_free = [&](std::size_t after) {
            std::size_t n = after + 1;
            while (n < size && m_entries[n].used) {
                ++n;
            }
            return n < size ? n : 0;
        };
        m_out.Print("%010zu 65535 f \n", next_free(0));
        for (std::size_t n = 1; n < size; ++n) {
            const Entry& e = m_entries[n];
            if (e.used) {
                m_out.Print("%010" PRIu64 " %05u n \n", e.offset, static_cast<unsigned>(e.generation));
            } else {
                m_out.Print("%010zu %05u f \n", next_free(n), static_cast<unsigned>(e.generation));
            }
        }
        const PdfDictionary& t = m_trailer.GetDictionary();
        const PdfReference& root = t.GetKey("Root")->GetReference();
        const PdfReference& info = t.GetKey("Info")->GetReference();
        m_out.Print("trailer\n<</Size %zu/Root %u %u R/Info %u %u R/ID[<%s><%s>]>>\nstartxref\n%" PRIu64 "\n%%%%EOF\n", size,
                    root.ObjectNumber(), static_cast<unsigned>(root.GenerationNumber()), info.ObjectNumber(),
                    static_cast<unsigned>(info.GenerationNumber()), id.c_str(), id.c_str(), xref);
        m_out.Flush();
        m_objects->Detach(this);
        m_objects = nullptr;
    }

    // From the Info dictionary (title, dates) and the length of the file: equal inputs, equal ID.
    std::string file_identifier() const
    {
        PdfRefCountedBuffer buffer;
        PdfOutputDevice device(&buffer);
        const PdfObject* info = m_objects->GetObject(m_trailer.GetDictionary().GetKey("Info")->GetReference());
        info->WriteObject(&device, ePdfWriteMode_Compact, nullptr);
        std::string bytes(buffer.GetBuffer(), device.GetLength());
        return crypto::sha256_hex(bytes + std::to_string(m_out.Tell())).substr(0, 32);
    }

    FileOutput& m_out;
    PdfVecObjects* m_objects;
    const PdfObject& m_trailer;
    std::vector<Entry> m_entries;
    std::optional<PdfReference> m_last; // the stream being written
    bool m_open_stream = false;
};

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
    m_writer = std::make_unique<StreamWriter>(m_out, *GetObjects(), *GetTrailer());
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

void append_to_contents(PdfObject* page, const PdfReference& stream)
{
    PdfDictionary& d = page->GetDictionary();
    PdfArray contents;
    if (const PdfObject* c = d.GetKey("Contents")) {
        if (c->IsArray()) {
            contents = c->GetArray();
        } else {
            contents.push_back(*c);
        }
    }
    contents.push_back(stream);
    d.AddKey("Contents", contents);
}

ContentCanvas::ContentCanvas(PdfDocument& doc, PdfObject* page) : m_doc(doc), m_page(page) {}

PdfObject* ContentCanvas::GetContents() const { return m_stream; }

PdfObject* ContentCanvas::GetContentsForAppending() const
{
    if (m_stream) {
        return m_stream;
    }
    m_stream = m_doc.GetObjects()->CreateObject();
    append_to_contents(m_page, m_stream->Reference());
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
