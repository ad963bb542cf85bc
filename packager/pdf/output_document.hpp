#pragma once

// Internal to pdf/: the appendix as a document written while it is made. Each stream (page
// contents, images, copied source streams) goes to the file when it is complete and leaves
// memory; only dictionaries (pages, outlines, fonts) are kept until close() writes them, the
// cross-reference table and the trailer. PdfMemDocument would hold every stream until Write.
//
// The rules this imposes on its users (those of PoDoFo's PdfImmediateWriter, which the writer
// follows):
// - a stream object's dictionary must be complete before its data is appended, and the data
//   is appended once (BeginAppend, Append..., EndAppend);
// - a PdfObject* to a stream object is invalid once the next stream is written: keep its
//   PdfReference;
// - page /Contents are never left to PdfPage, which replaces them (use ContentCanvas).

#include <cstdio>
#include <memory>
#include <podofo/podofo.h>
#include <string>

namespace evpack::pdf {

// A PoDoFo output device over a file that reports write errors with errno (PoDoFo's own says
// only "unexpected EOF"): throws IoError naming the file.
class FileOutput : public PoDoFo::PdfOutputDevice
{
public:
    explicit FileOutput(const std::string& path);
    ~FileOutput() override;
    FileOutput(const FileOutput&) = delete;
    FileOutput& operator=(const FileOutput&) = delete;

    void Write(const char* data, size_t n) override;
    void Print(const char* format, ...) override;
    void PrintV(const char* format, long bytes, va_list args) override;
    void Seek(size_t offset) override;
    size_t Tell() const override { return m_position; }
    size_t GetLength() const override { return m_length; }
    void Flush() override;
    // Flushes and closes the file; throws IoError if that fails.
    void close();

private:
    [[noreturn]] void fail(const char* what);

    std::string m_path;
    std::FILE* m_file = nullptr;
    std::unique_ptr<char[]> m_buffer; // the stream's; freed after it is closed
    size_t m_position = 0;
    size_t m_length = 0;
};

// Info fields, set before the first byte is written: the file identifier (/ID) is derived from
// them, so equal inputs give equal files.
struct DocumentInfo
{
    std::string title, author, subject, keywords, creator, producer;
    std::string date; // PDF date string, D:YYYYMMDDHHmmSSZ
};

class StreamWriter;

class OutputDocument : public PoDoFo::PdfDocument
{
public:
    OutputDocument(const std::string& path, const DocumentInfo& info);
    ~OutputDocument() override;

    // Embeds the font subsets, writes the objects still in memory, the xref and the trailer.
    void close();
    PoDoFo::PdfObject* catalog() { return GetCatalog(); }

    PoDoFo::EPdfWriteMode GetWriteMode() const override { return PoDoFo::ePdfWriteMode_Compact; }
    PoDoFo::EPdfVersion GetPdfVersion() const override { return PoDoFo::ePdfVersion_1_7; }
    bool IsLinearized() const override { return false; }
    bool IsPrintAllowed() const override { return true; }
    bool IsEditAllowed() const override { return true; }
    bool IsCopyAllowed() const override { return true; }
    bool IsEditNotesAllowed() const override { return true; }
    bool IsFillAndSignAllowed() const override { return true; }
    bool IsAccessibilityAllowed() const override { return true; }
    bool IsDocAssemblyAllowed() const override { return true; }
    bool IsHighPrintAllowed() const override { return true; }

private:
    FileOutput m_out;
    std::unique_ptr<StreamWriter> m_writer;
};

// Appends a stream to the page's /Contents (made an array if it was one stream).
void append_to_contents(PoDoFo::PdfObject* page, const PoDoFo::PdfReference& stream);

// A canvas for PdfPainter that puts each painting in a new content stream appended to the
// page's /Contents: the page's earlier streams may already be on disk.
class ContentCanvas : public PoDoFo::PdfCanvas
{
public:
    ContentCanvas(PoDoFo::PdfDocument& doc, PoDoFo::PdfObject* page);

    PoDoFo::PdfObject* GetContents() const override;
    PoDoFo::PdfObject* GetContentsForAppending() const override;
    PoDoFo::PdfObject* GetResources() const override;
    const PoDoFo::PdfRect GetPageSize() const override;

private:
    PoDoFo::PdfDocument& m_doc;
    PoDoFo::PdfObject* m_page;
    mutable PoDoFo::PdfObject* m_stream = nullptr;
};

} // namespace evpack::pdf
