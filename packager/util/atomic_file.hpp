#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <sys/types.h>

namespace evpack::util {

// A file written under a temporary name in the destination's folder and renamed over the
// destination by commit(). Destroyed without commit(), it removes the temporary file, so a
// failure at any point leaves the destination as it was (absent or the previous version).
//
// What goes through stream() is written behind: a package of a gigabyte is written once and
// not read back by us, so every 32 MiB the last stretch is sent to the disk and the one before
// it, once there, dropped from the page cache. The dirty data never piles up for the final
// fsync, the page cache is not flooded, and the pages are reused while still at hand (on a
// virtual machine a page the host has taken back costs more than the write into it: see the
// README's Performance section).
class AtomicFile
{
public:
    // mode: the permissions the file gets, less the umask.
    explicit AtomicFile(std::string path, unsigned mode = 0666);
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
    static ssize_t stream_write(void* self, const char* data, std::size_t size);
    bool write_behind();

    std::string m_path;
    std::string m_temp_path;
    int m_fd = -1;
    std::FILE* m_file = nullptr;
    // Offsets in the file: written, sent to the disk, dropped from the page cache.
    std::uint64_t m_written = 0;
    std::uint64_t m_sent = 0;
    std::uint64_t m_dropped = 0;
    bool m_behind = true;
    std::unique_ptr<char[]> m_buffer; // the stream's; freed after it is closed
    bool m_committed = false;
};

// Writes a whole file atomically.
void write_file_atomic(const std::string& path, const std::string& content);

} // namespace evpack::util
