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
constexpr std::uint64_t behind_window = 32 << 20;

} // namespace

AtomicFile::AtomicFile(std::string path, unsigned mode) : m_path(std::move(path))
{
    std::string templ = m_path + ".tmp.XXXXXX";
    int fd = create_temporary_file(templ);
    if (fd < 0) {
        throw IoError(Position{m_path}, "cannot create temporary file: " + errno_text());
    }
    // mkstemp creates 0600; outputs are ordinary files, readable as the umask allows.
    mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, mode & ~mask);
    m_temp_path = templ;
    m_fd = fd;
    cookie_io_functions_t io{};
    io.write = &AtomicFile::stream_write;
    io.close = [](void* self) {
        auto* file = static_cast<AtomicFile*>(self);
        int own = file->m_fd;
        file->m_fd = -1;
        return ::close(own);
    };
    m_file = ::fopencookie(this, "wb", io);
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

ssize_t AtomicFile::stream_write(void* self, const char* data, std::size_t size)
{
    auto* file = static_cast<AtomicFile*>(self);
    std::size_t done = 0;
    while (done < size) {
        ssize_t n = ::write(file->m_fd, data + done, size - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return 0; // stdio marks the stream failed; errno says why
        }
        done += static_cast<std::size_t>(n);
    }
    file->m_written += size;
    return file->write_behind() ? static_cast<ssize_t>(size) : 0;
}

bool AtomicFile::write_behind()
{
#ifdef __linux__
    if (!m_behind || m_written - m_sent < behind_window) {
        return true;
    }
    if (::sync_file_range(m_fd, static_cast<off_t>(m_sent), static_cast<off_t>(m_written - m_sent),
                          SYNC_FILE_RANGE_WRITE)
        != 0) {
        // A file system or kernel without it: written as any other file. A failed write to
        // the disk fails the output now rather than at the fsync.
        m_behind = false;
        return errno == EINVAL || errno == ENOSYS || errno == ESPIPE || errno == EOPNOTSUPP;
    }
    m_sent = m_written;
    if (m_sent - m_dropped >= 2 * behind_window) {
        std::uint64_t end = m_sent - behind_window;
        if (::sync_file_range(m_fd, static_cast<off_t>(m_dropped), static_cast<off_t>(end - m_dropped),
                              SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER)
            != 0) {
            return false;
        }
        ::posix_fadvise(m_fd, static_cast<off_t>(m_dropped), static_cast<off_t>(end - m_dropped), POSIX_FADV_DONTNEED);
        m_dropped = end;
    }
#endif
    return true;
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
    bool ok = std::fflush(f) == 0 && ::fsync(m_fd) == 0;
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
