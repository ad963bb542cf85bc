#pragma once

#include <cstdio>
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

    // Closes our stream so that a library that writes by file name (PoDoFo) can write
    // temp_path() itself; commit() still fsyncs and renames it.
    void release_stream();

    void write(const void* data, std::size_t size);
    void write(const std::string& text) { write(text.data(), text.size()); }
    // Flushes, fsyncs and renames the temporary file over the destination.
    void commit();

private:
    void close_stream();

    std::string m_path;
    std::string m_temp_path;
    std::FILE* m_file = nullptr;
    bool m_committed = false;
};

// Writes a whole file atomically.
void write_file_atomic(const std::string& path, const std::string& content);

} // namespace evpack::util
