#pragma once

#include <cstdio>
#include <memory>
#include <string>

namespace evpack::util {

// A file written under a temporary name in the destination's folder and renamed over the
// destination by commit(). Destroyed without commit(), it removes the temporary file, so a
// failure at any point leaves the destination as it was (absent or the previous version).
class AtomicFile
{
public:
    explicit AtomicFile(std::string path);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    // The temporary file's path, for libraries that want to open the file themselves.
    const std::string& temp_path() const { return m_temp_path; }
    const std::string& path() const { return m_path; }
    // An open stream on the temporary file; null after close().
    std::FILE* stream() { return m_file; }

    // Flushes, fsyncs and closes our stream; throws IoError if the data did not all reach the
    // disk. For a library that writes temp_path() by file name itself (PoDoFo), and before
    // committing any of several files that replace earlier versions together: a buffered
    // stream may report a full disk only when flushed. commit() then fsyncs and renames.
    void close();

    void write(const void* data, std::size_t size);
    void write(const std::string& text) { write(text.data(), text.size()); }
    // Flushes, fsyncs and renames the temporary file over the destination.
    void commit();

private:
    void close_stream();

    std::string m_path;
    std::string m_temp_path;
    std::FILE* m_file = nullptr;
    std::unique_ptr<char[]> m_buffer; // the stream's; freed after it is closed
    bool m_committed = false;
};

// Writes a whole file atomically.
void write_file_atomic(const std::string& path, const std::string& content);

} // namespace evpack::util
