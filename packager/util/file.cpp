#include "util/file.hpp"

#include "util/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <memory>
#include <sys/stat.h>

namespace evpack::util {

namespace {

struct FileCloser
{
    void operator()(std::FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

} // namespace

std::string read_file(const std::string& path)
{
    FilePtr f(std::fopen(path.c_str(), "rb"));
    if (!f) {
        throw IoError(Position{path}, std::string("cannot open: ") + std::strerror(errno));
    }
    std::string out;
    char buf[65536];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) {
        out.append(buf, n);
    }
    if (std::ferror(f.get())) {
        throw IoError(Position{path}, std::string("cannot read: ") + std::strerror(errno));
    }
    return out;
}

std::uint64_t file_size(const std::string& path)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        throw IoError(Position{path}, std::string("cannot read: ") + std::strerror(errno));
    }
    return static_cast<std::uint64_t>(st.st_size);
}

std::string read_file(const FileRange& range)
{
    if (!range.size) {
        return read_file(range.path);
    }
    FilePtr f(std::fopen(range.path.c_str(), "rb"));
    if (!f) {
        throw IoError(Position{range.path}, std::string("cannot open: ") + std::strerror(errno));
    }
    std::string out(static_cast<std::size_t>(*range.size), '\0');
    if (fseeko(f.get(), static_cast<off_t>(range.offset), SEEK_SET) != 0
        || std::fread(out.data(), 1, out.size(), f.get()) != out.size()) {
        throw IoError(Position{range.path}, std::string("cannot read: ")
                                                + (std::ferror(f.get()) ? std::strerror(errno) : "the file is shorter than expected"));
    }
    return out;
}

std::optional<std::string> try_read_prefix(const std::string& path, std::size_t max_bytes)
{
    FilePtr f(std::fopen(path.c_str(), "rb"));
    if (!f) {
        return std::nullopt;
    }
    std::string out(max_bytes, '\0');
    std::size_t n = std::fread(out.data(), 1, max_bytes, f.get());
    if (std::ferror(f.get())) {
        return std::nullopt;
    }
    out.resize(n);
    return out;
}

std::string dirname(const std::string& path)
{
    auto slash = path.find_last_of('/');
    if (slash == std::string::npos) {
        return ".";
    }
    if (slash == 0) {
        return "/";
    }
    return path.substr(0, slash);
}

std::string basename(const std::string& path)
{
    auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string stem(const std::string& path)
{
    std::string name = basename(path);
    auto dot = name.find_last_of('.');
    return (dot == std::string::npos || dot == 0) ? name : name.substr(0, dot);
}

std::vector<std::string> path_components(const std::string& path)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (;;) {
        std::size_t end = path.find('/', start);
        parts.push_back(path.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) {
            return parts;
        }
        start = end + 1;
    }
}

bool is_absolute(const std::string& path) { return !path.empty() && path[0] == '/'; }

std::string join(const std::string& base, const std::string& rel)
{
    if (is_absolute(rel) || base.empty() || base == ".") {
        return rel;
    }
    return base.back() == '/' ? base + rel : base + "/" + rel;
}

std::int64_t output_time()
{
    const char* sde = std::getenv("SOURCE_DATE_EPOCH");
    if (!sde || !*sde) {
        return static_cast<std::int64_t>(std::time(nullptr));
    }
    char* end = nullptr;
    errno = 0;
    long long v = std::strtoll(sde, &end, 10);
    if (errno != 0 || *end != '\0' || v < 0 || v > 253402300799LL) {
        throw UsageError("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not '" + std::string(sde) + "'");
    }
    return v;
}

std::string format_utc(std::int64_t epoch_seconds, const char* format)
{
    std::time_t t = static_cast<std::time_t>(epoch_seconds);
    std::tm tm{};
    ::gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, format, &tm);
    return buf;
}

} // namespace evpack::util
