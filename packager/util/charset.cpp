#include "util/charset.hpp"

#include "util/error.hpp"

#include <cerrno>
#include <iconv.h>

namespace evpack::util {

namespace {

class Iconv
{
public:
    explicit Iconv(const char* from) : m_cd(::iconv_open("UTF-8", from))
    {
        if (m_cd == reinterpret_cast<iconv_t>(-1)) {
            // glibc always has these; a missing converter is a broken installation.
            throw Error(std::string("iconv cannot convert from ") + from);
        }
    }
    ~Iconv() { ::iconv_close(m_cd); }
    Iconv(const Iconv&) = delete;
    Iconv& operator=(const Iconv&) = delete;
    iconv_t get() const { return m_cd; }

private:
    iconv_t m_cd;
};

} // namespace

std::optional<std::string> try_to_utf8(const std::string& bytes, const char* from)
{
    Iconv cd(from);
    std::string out;
    std::string in_copy = bytes; // iconv's input pointer is not const
    char* in = in_copy.data();
    std::size_t in_left = in_copy.size();
    char buf[4096];
    while (in_left > 0) {
        char* o = buf;
        std::size_t o_left = sizeof buf;
        std::size_t r = ::iconv(cd.get(), &in, &in_left, &o, &o_left);
        out.append(buf, static_cast<std::size_t>(o - buf));
        if (r == static_cast<std::size_t>(-1) && errno != E2BIG) {
            return std::nullopt; // EILSEQ or EINVAL: invalid or truncated sequence
        }
    }
    char* o = buf;
    std::size_t o_left = sizeof buf;
    if (::iconv(cd.get(), nullptr, nullptr, &o, &o_left) == static_cast<std::size_t>(-1)) {
        return std::nullopt;
    }
    out.append(buf, static_cast<std::size_t>(o - buf));
    return out;
}

} // namespace evpack::util
