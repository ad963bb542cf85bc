#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace evpack::util {

// Reads a whole file; throws IoError naming it.
std::string read_file(const std::string& path);
// A file's size; throws IoError naming it.
std::uint64_t file_size(const std::string& path);

// Part of a file: a file stored inside another (an uncompressed zip entry), or a whole file
// (no size). Converts from a path for the whole-file case.
struct FileRange
{
    FileRange(std::string p) : path(std::move(p)) {}
    FileRange(std::string p, std::uint64_t off, std::uint64_t n) : path(std::move(p)), offset(off), size(n) {}
    std::string path;
    std::uint64_t offset = 0;
    std::optional<std::uint64_t> size;
};
// Reads a range; throws IoError naming the file, also when it ends before the range does.
std::string read_file(const FileRange& range);
// Reads at most max_bytes from the start of a file; nullopt if it cannot be opened.
std::optional<std::string> try_read_prefix(const std::string& path, std::size_t max_bytes);

// The folder part of a path ("." for a bare name).
std::string dirname(const std::string& path);
// The last component of a path.
std::string basename(const std::string& path);
// The last component without its extension.
std::string stem(const std::string& path);
// Joins base and rel unless rel is absolute.
std::string join(const std::string& base, const std::string& rel);
// The '/'-separated components of a path, empty ones included ("a//b" -> a, "", b).
std::vector<std::string> path_components(const std::string& path);
// True when a path is absolute.
bool is_absolute(const std::string& path);

// Seconds since the epoch that outputs record: SOURCE_DATE_EPOCH when set (reproducible
// builds), the current time otherwise. Throws UsageError on a malformed SOURCE_DATE_EPOCH.
std::int64_t output_time();
// strftime of a UTC time.
std::string format_utc(std::int64_t epoch_seconds, const char* format);
// "YYYY-MM-DD" of a UTC time.
inline std::string format_date(std::int64_t epoch_seconds) { return format_utc(epoch_seconds, "%Y-%m-%d"); }

} // namespace evpack::util
