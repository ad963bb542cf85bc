#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace evpack::package {

// Limits on what a received archive may hold. A package is untrusted input: these keep a zip
// bomb or a million-entry archive from costing more than a bounded amount of time and memory.
struct ReadLimits
{
    std::uint64_t max_entries = 100000;
    std::uint64_t max_entry_bytes = 4ULL << 30;   // 4 GiB
    std::uint64_t max_total_bytes = 16ULL << 30;  // 16 GiB
    std::uint64_t max_ratio = 200;                // uncompressed bytes per archive byte, beyond a 64 MiB allowance
};

// Reads a zip or tar archive as a stream (libarchive), never writing to disk. Each entry's name
// is checked before it is handed out: absolute names, "..", backslashes, drive letters, control
// characters, links, devices and repeated names (also by case or Unicode normalisation) are
// rejected with an Error naming the package and the entry.
class ArchiveReader
{
public:
    explicit ArchiveReader(const std::string& path, ReadLimits limits = {});
    ~ArchiveReader();
    ArchiveReader(const ArchiveReader&) = delete;
    ArchiveReader& operator=(const ArchiveReader&) = delete;

    // Moves to the next entry; false at the end.
    bool next();
    const std::string& name() const { return m_name; }
    // The entry's data, block by block.
    void read(const std::function<void(const char*, std::size_t)>& sink);

    struct Range
    {
        std::uint64_t offset = 0;
        std::uint64_t size = 0;
    };
    // Where the entry's bytes lie in the archive file when they are stored there as they are (a
    // zip entry neither compressed nor encrypted); read() then hands out exactly those bytes of
    // the file, so a parser may read them in place instead of from a copy.
    std::optional<Range> stored_range() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    std::string m_name;
};

} // namespace evpack::package
