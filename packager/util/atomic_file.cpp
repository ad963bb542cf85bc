#include "util/atomic_file.hpp"

#include "util/error.hpp"
#include "util/interrupt.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace evpack::util {

namespace {

std::string errno_text() { return std::strerror(errno); }

constexpr std::size_t buffer_size = 1 << 20;

} // namespace

AtomicFile::AtomicFile(std::string path) : m_path(std::move(path))
{
    std::string templ = m_path + ".tmp.XXXXXX";
    int fd = create_temporary_file(templ);
    if (fd < 0) {
        throw IoError(Position{m_path}, "cannot create temporary file: " + errno_text());
    }
    // mkstemp creates 0600; outputs are ordinary files, readable as the umask allows.
    mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, 0666 & ~mask);
    m_temp_path = templ;
    m_file = ::fdopen(fd, "wb");
    if (!m_file) {
        ::close(fd);
        ::unlink(m_temp_path.c_str());
        throw IoError(Position{m_path}, "cannot open temporary file: " + errno_text());
    }
    // Packages are written in libarchive's 10 KiB blocks: through stdio's default 4 KiB buffer
    // that is a write call per 5 KiB. (glibc ignores the size unless given the buffer.)
    m_buffer.reset(new char[buffer_size]);
    std::setvbuf(m_file, m_buffer.get(), _IOFBF, buffer_size);
}

AtomicFile::~AtomicFile()
{
    if (!m_committed) {
        if (m_file) {
            std::fclose(m_file);
        }
        ::unlink(m_temp_path.c_str());
        keep_on_interrupt(m_temp_path);
    }
}

void AtomicFile::write(const void* data, std::size_t size)
{
    if (!m_file) {
        throw IoError(Position{m_path}, "write after close");
    }
    if (size > 0 && std::fwrite(data, 1, size, m_file) != size) {
        throw IoError(Position{m_path}, "cannot write: " + errno_text());
    }
}

void AtomicFile::close_stream()
{
    if (!m_file) {
        return;
    }
    std::FILE* f = m_file;
    m_file = nullptr;
    bool ok = std::fflush(f) == 0 && ::fsync(::fileno(f)) == 0;
    int saved = errno;
    ok = std::fclose(f) == 0 && ok;
    if (!ok) {
        errno = saved;
        throw IoError(Position{m_path}, "cannot write: " + errno_text());
    }
}

void AtomicFile::close() { close_stream(); }

void AtomicFile::commit()
{
    if (m_file) {
        close_stream();
    } else {
        int fd = ::open(m_temp_path.c_str(), O_RDONLY);
        bool ok = fd >= 0 && ::fsync(fd) == 0;
        if (fd >= 0) {
            ::close(fd);
        }
        if (!ok) {
            throw IoError(Position{m_path}, "cannot write: " + errno_text());
        }
    }
    if (::rename(m_temp_path.c_str(), m_path.c_str()) != 0) {
        throw IoError(Position{m_path}, "cannot rename temporary file into place: " + errno_text());
    }
    m_committed = true;
    keep_on_interrupt(m_temp_path);
}

void write_file_atomic(const std::string& path, const std::string& content)
{
    AtomicFile file(path);
    file.write(content);
    file.commit();
}

} // namespace evpack::util
