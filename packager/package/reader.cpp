#include "package/reader.hpp"

#include "package/utf8_locale.hpp"

#include "util/error.hpp"
#include "util/file.hpp"
#include "util/unicode.hpp"

#include <algorithm>
#include <archive.h>
#include <archive_entry.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <set>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace evpack::package {


struct ArchiveReader::Impl
{
    archive* a = nullptr;
    std::string path;
    ReadLimits limits;
    std::uint64_t archive_size = 0;
    std::uint64_t entries = 0;
    std::uint64_t total = 0;
    std::set<std::string> names;
    std::set<std::string> folded;

    int fd = -1;                                // the file again, for stored entries
    std::optional<ArchiveReader::Range> stored; // the current entry's, if any

    // Owned here, not by ArchiveReader, so that a constructor that throws still frees it.
    ~Impl()
    {
        archive_read_free(a);
        if (fd >= 0) {
            ::close(fd);
        }
    }

    [[noreturn]] void fail(const std::string& message) const { throw Error(Position{path}, message); }
    void check(int r, const std::string& what) const
    {
        if (r < ARCHIVE_WARN) {
            const char* why = archive_error_string(a);
            fail(what + (why ? std::string(": ") + why : std::string()));
        }
    }
};

ArchiveReader::ArchiveReader(const std::string& path, ReadLimits limits) : m_impl(std::make_unique<Impl>())
{
    Utf8Locale utf8;
    m_impl->path = path;
    m_impl->limits = limits;
    struct stat st{};
    if (::stat(path.c_str(), &st) != 0) {
        throw IoError(Position{path}, "cannot open: no such file");
    }
    if (!S_ISREG(st.st_mode)) {
        throw IoError(Position{path}, "not a file");
    }
    m_impl->archive_size = static_cast<std::uint64_t>(st.st_size);
    m_impl->a = archive_read_new();
    archive_read_support_format_zip(m_impl->a);
    archive_read_support_format_tar(m_impl->a);
    archive_read_support_filter_gzip(m_impl->a);
    // Names are UTF-8 (our writer sets the zip UTF-8 flag; pax is UTF-8): read them as such
    // whatever the process locale is.
    archive_read_set_options(m_impl->a, "hdrcharset=UTF-8");
    // Every entry is checked against its SHA-256 (and the signature fixes those); the zip CRC-32
    // adds nothing but 5% of verify's time.
    archive_read_set_options(m_impl->a, "zip:ignorecrc32");
    m_impl->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (m_impl->fd < 0) {
        throw IoError(Position{path}, std::string("cannot open: ") + std::strerror(errno));
    }
    if (archive_read_open_filename(m_impl->a, path.c_str(), 1 << 20) != ARCHIVE_OK) {
        const char* why = archive_error_string(m_impl->a);
        m_impl->fail(std::string("not a readable zip or tar archive") + (why ? std::string(": ") + why : std::string()));
    }
}

ArchiveReader::~ArchiveReader() = default;

namespace {

std::string why_bad_name(const std::string& name)
{
    if (name.empty()) {
        return "has an empty name";
    }
    if (name[0] == '/') {
        return "has an absolute name";
    }
    if (name.size() >= 2 && name[1] == ':') {
        return "has a drive letter";
    }
    for (unsigned char c : name) {
        if (c < 0x20 || c == 0x7f) {
            return "has a control character in its name";
        }
        if (c == '\\') {
            return "has a backslash in its name";
        }
    }
    std::vector<std::string> parts = util::path_components(name);
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (parts[i] == "..") {
            return "climbs out of the package with '..'";
        }
        if (parts[i] == "." || (parts[i].empty() && i + 1 < parts.size())) {
            return "has an empty or '.' path component";
        }
    }
    if (!util::is_valid_utf8(name)) {
        return "has a name that is not UTF-8";
    }
    return "";
}

std::uint32_t le(const unsigned char* p, int bytes)
{
    std::uint32_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) {
        v = (v << 8) | p[i];
    }
    return v;
}

// A zip entry's data lies right after its local header (APPNOTE 4.3.7: 30 bytes, the name, the
// extra field): libarchive has just read that header, so the file position is the data's start.
// The header itself, found by its signature and lengths just before, says whether the data is
// stored (method 0) and not encrypted (flag bit 0). Anything unusual: no range, and the caller
// copies the entry as before.
std::optional<ArchiveReader::Range> zip_stored_range(archive* a, archive_entry* entry, int fd, std::uint64_t file_size)
{
    if ((archive_format(a) & ARCHIVE_FORMAT_BASE_MASK) != ARCHIVE_FORMAT_ZIP || archive_filter_count(a) != 1
        || !archive_entry_size_is_set(entry) || archive_entry_is_encrypted(entry)) {
        return std::nullopt;
    }
    la_int64_t data = archive_filter_bytes(a, -1);
    auto size = static_cast<std::uint64_t>(archive_entry_size(entry));
    if (data < 30 || static_cast<std::uint64_t>(data) > file_size || size > file_size - static_cast<std::uint64_t>(data)) {
        return std::nullopt;
    }
    // Names and extra fields of a few KiB at most in practice.
    std::size_t window = static_cast<std::size_t>(std::min<la_int64_t>(data, 8192));
    std::vector<unsigned char> h(window);
    if (::pread(fd, h.data(), window, data - static_cast<la_int64_t>(window)) != static_cast<ssize_t>(window)) {
        return std::nullopt;
    }
    for (std::size_t at = window - 30 + 1; at-- > 0;) {
        const unsigned char* p = h.data() + at;
        if (le(p, 4) == 0x04034b50 && at + 30 + le(p + 26, 2) + le(p + 28, 2) == window) {
            if ((le(p + 6, 2) & 1) != 0 || le(p + 8, 2) != 0) {
                return std::nullopt;
            }
            return ArchiveReader::Range{static_cast<std::uint64_t>(data), size};
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<ArchiveReader::Range> ArchiveReader::stored_range() const { return m_impl->stored; }

bool ArchiveReader::next()
{
    Utf8Locale utf8;
    archive_entry* entry = nullptr;
    int r = archive_read_next_header(m_impl->a, &entry);
    if (r == ARCHIVE_EOF) {
        return false;
    }
    m_impl->check(r, "damaged or truncated archive");
    if (++m_impl->entries > m_impl->limits.max_entries) {
        m_impl->fail("more than " + std::to_string(m_impl->limits.max_entries) + " entries; refusing to read further");
    }
    const char* utf8_name = archive_entry_pathname_utf8(entry);
    const char* raw = archive_entry_pathname(entry);
    m_name = utf8_name ? utf8_name : raw ? raw : "";
    if (m_name.empty()) {
        m_impl->fail("an entry's name cannot be read as UTF-8");
    }
    // Folders are implied by file names; a trailing slash marks one.
    mode_t type = archive_entry_filetype(entry);
    if (type == AE_IFDIR) {
        std::string why = why_bad_name(m_name.back() == '/' ? m_name.substr(0, m_name.size() - 1) : m_name);
        if (!why.empty()) {
            m_impl->fail("entry '" + m_name + "' " + why);
        }
        return next();
    }
    std::string why = why_bad_name(m_name);
    if (!why.empty()) {
        m_impl->fail("entry '" + m_name + "' " + why);
    }
    if (archive_entry_hardlink(entry)) {
        m_impl->fail("entry '" + m_name + "' is a hard link; a package holds plain files only");
    }
    if (type == AE_IFLNK) {
        m_impl->fail("entry '" + m_name + "' is a symbolic link; a package holds plain files only");
    }
    if (type != AE_IFREG) {
        m_impl->fail("entry '" + m_name + "' is a device, FIFO or socket; a package holds plain files only");
    }
    if (!m_impl->names.insert(m_name).second) {
        m_impl->fail("entry '" + m_name + "' appears twice");
    }
    if (!m_impl->folded.insert(util::fold_key(m_name)).second) {
        m_impl->fail("entry '" + m_name + "' differs from another entry only by case or Unicode normalisation");
    }
    if (archive_entry_size_is_set(entry)
        && static_cast<std::uint64_t>(archive_entry_size(entry)) > m_impl->limits.max_entry_bytes) {
        m_impl->fail("entry '" + m_name + "' is larger than " + std::to_string(m_impl->limits.max_entry_bytes >> 20) + " MiB");
    }
    m_impl->stored = zip_stored_range(m_impl->a, entry, m_impl->fd, m_impl->archive_size);
    return true;
}

void ArchiveReader::read(const std::function<void(const char*, std::size_t)>& sink)
{
    Utf8Locale utf8;
    const ReadLimits& lim = m_impl->limits;
    std::uint64_t allowed = std::min<std::uint64_t>(lim.max_total_bytes, (64ULL << 20) + lim.max_ratio * m_impl->archive_size);
    std::uint64_t entry_total = 0;
    // Every byte handed out counts, stored or inflated: entries of a zip may also share their bytes.
    auto count = [&](std::uint64_t n) {
        entry_total += n;
        m_impl->total += n;
        if (m_impl->total > allowed) {
            m_impl->fail("entry '" + m_name + "' expands beyond " + std::to_string(allowed >> 20)
                         + " MiB for a package of this size (a zip bomb?); refusing to read further");
        }
        if (entry_total > lim.max_entry_bytes) {
            m_impl->fail("entry '" + m_name + "' is larger than " + std::to_string(lim.max_entry_bytes >> 20) + " MiB");
        }
    };
    if (m_impl->stored) {
        // The very bytes a parser will read in place; libarchive seeks past them.
        const Range& r = *m_impl->stored;
        std::vector<char> buf(std::min<std::uint64_t>(r.size, 1 << 20));
        for (std::uint64_t done = 0; done < r.size;) {
            std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(buf.size(), r.size - done));
            ssize_t n = ::pread(m_impl->fd, buf.data(), want, static_cast<off_t>(r.offset + done));
            if (n <= 0) {
                m_impl->fail("entry '" + m_name + "' is damaged or truncated"
                             + (n < 0 ? std::string(": ") + std::strerror(errno) : std::string()));
            }
            done += static_cast<std::uint64_t>(n);
            count(static_cast<std::uint64_t>(n));
            sink(buf.data(), static_cast<std::size_t>(n));
        }
        m_impl->check(archive_read_data_skip(m_impl->a), "entry '" + m_name + "' is damaged or truncated");
        return;
    }
    for (;;) {
        const void* buf = nullptr;
        size_t size = 0;
        la_int64_t offset = 0;
        int r = archive_read_data_block(m_impl->a, &buf, &size, &offset);
        if (r == ARCHIVE_EOF) {
            return;
        }
        m_impl->check(r, "entry '" + m_name + "' is damaged or truncated");
        count(size);
        sink(static_cast<const char*>(buf), size);
    }
}

} // namespace evpack::package
