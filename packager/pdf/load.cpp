#include "pdf/load.hpp"

#include "util/error.hpp"

#include <cerrno>
#include <cstring>
#include <algorithm>
#include <fcntl.h>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace evpack::pdf {

namespace {

// A buffered stream over bytes [offset, offset + size) of a file, read with pread: position 0 is
// the range's first byte, the range's end is the end of file. A whole file is the range from 0.
class RangeBuf : public std::streambuf
{
public:
    RangeBuf(int fd, std::uint64_t offset, std::uint64_t size) : m_fd(fd), m_offset(offset), m_size(size) {}
    ~RangeBuf() override { ::close(m_fd); }
    RangeBuf(const RangeBuf&) = delete;
    RangeBuf& operator=(const RangeBuf&) = delete;

protected:
    int_type underflow() override
    {
        if (gptr() < egptr()) {
            return traits_type::to_int_type(*gptr());
        }
        std::uint64_t at = m_start + static_cast<std::uint64_t>(egptr() - eback());
        if (at >= m_size) {
            return traits_type::eof();
        }
        std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(sizeof m_buffer, m_size - at));
        ssize_t n = ::pread(m_fd, m_buffer, want, static_cast<off_t>(m_offset + at));
        if (n <= 0) {
            return traits_type::eof();
        }
        m_start = at;
        setg(m_buffer, m_buffer, m_buffer + n);
        return traits_type::to_int_type(*gptr());
    }

    pos_type seekoff(off_type off, std::ios_base::seekdir dir, std::ios_base::openmode) override
    {
        std::int64_t here = static_cast<std::int64_t>(m_start) + (gptr() - eback());
        std::int64_t base = dir == std::ios_base::beg ? 0 : dir == std::ios_base::cur ? here : static_cast<std::int64_t>(m_size);
        return seekpos(pos_type(base + off), std::ios_base::in);
    }

    pos_type seekpos(pos_type pos, std::ios_base::openmode) override
    {
        std::int64_t p = pos;
        if (p < 0 || static_cast<std::uint64_t>(p) > m_size) {
            return pos_type(off_type(-1));
        }
        auto target = static_cast<std::uint64_t>(p);
        if (target >= m_start && target < m_start + static_cast<std::uint64_t>(egptr() - eback())) {
            setg(eback(), eback() + (target - m_start), egptr()); // within what is buffered
        } else {
            m_start = target;
            setg(m_buffer, m_buffer, m_buffer); // empty: the next read fetches from target
        }
        return pos;
    }

private:
    int m_fd;
    std::uint64_t m_offset, m_size;
    std::uint64_t m_start = 0; // range position of m_buffer[0]
    char m_buffer[1 << 16];
};

struct RangeStream : std::istream
{
    explicit RangeStream(std::unique_ptr<RangeBuf> b) : std::istream(b.get()), buf(std::move(b)) {}
    std::unique_ptr<RangeBuf> buf;
};

} // namespace

std::unique_ptr<std::istream> load_file(PoDoFo::PdfMemDocument& doc, const std::string& path)
{
    return load_file(doc, util::FileRange(path));
}

std::unique_ptr<std::istream> load_file(PoDoFo::PdfMemDocument& doc, const util::FileRange& file)
{
    int fd = ::open(file.path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st{};
    if (fd < 0 || ::fstat(fd, &st) != 0) {
        std::string why = std::strerror(errno);
        if (fd >= 0) {
            ::close(fd);
        }
        throw IoError(Position{file.path}, "cannot open: " + why);
    }
    std::uint64_t size = file.size ? *file.size : static_cast<std::uint64_t>(st.st_size);
    auto in = std::make_unique<RangeStream>(std::make_unique<RangeBuf>(fd, file.offset, size));
    // The device does not own the stream; the refcounted wrapper owns the device.
    doc.LoadFromDevice(PoDoFo::PdfRefCountedInputDevice(new PoDoFo::PdfInputDevice(in.get())));
    return in;
}

std::vector<PoDoFo::PdfObject*> page_objects(PoDoFo::PdfMemDocument& doc)
{
    using namespace PoDoFo;
    const int count = doc.GetPageCount();
    std::vector<PdfObject*> pages;
    if (count <= 0) {
        return pages;
    }
    PdfVecObjects& objects = doc.GetObjects();
    std::set<PdfReference> seen; // a node met twice: a cycle, or a subtree hung twice
    struct Node
    {
        const PdfArray* kids;
        std::size_t next;
    };
    std::vector<Node> stack;
    auto enter = [&](PdfObject* node) {
        const PdfObject* kids = node->GetIndirectKey("Kids");
        if (!kids || !kids->IsArray()) {
            throw Error("the page tree node " + node->Reference().ToString() + " has no /Kids array");
        }
        stack.push_back({&kids->GetArray(), 0});
    };
    enter(doc.GetPagesTree()->GetObject());
    while (!stack.empty() && pages.size() < static_cast<std::size_t>(count)) {
        Node& top = stack.back();
        if (top.next == top.kids->size()) {
            stack.pop_back();
            continue;
        }
        const PdfObject& kid = (*top.kids)[top.next++];
        PdfObject* node = kid.IsReference() ? objects.GetObject(kid.GetReference()) : nullptr;
        if (!node || !node->IsDictionary()) {
            break; // the page it stands for is missing
        }
        if (!seen.insert(node->Reference()).second) {
            throw Error("the page tree refers to " + node->Reference().ToString() + " twice (a cycle?)");
        }
        const PdfName type = node->GetIndirectKeyAsName("Type");
        if (type == PdfName("Pages")) {
            enter(node);
        } else if (type == PdfName("Page")) {
            pages.push_back(node);
        } else {
            break;
        }
    }
    if (pages.size() < static_cast<std::size_t>(count)) {
        throw Error("page " + std::to_string(pages.size() + 1) + " is missing from the page tree");
    }
    return pages;
}

} // namespace evpack::pdf
