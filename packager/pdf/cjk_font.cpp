#include "pdf/cjk_font.hpp"

#include "util/error.hpp"
#include "util/file.hpp"
#include "util/interrupt.hpp"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <cstdlib>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace evpack::pdf {

namespace {

std::uint32_t rd32(const std::string& s, std::size_t at)
{
    if (at + 4 > s.size()) {
        throw Error("font file is truncated");
    }
    auto b = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + i])); };
    return (b(0) << 24) | (b(1) << 16) | (b(2) << 8) | b(3);
}

std::uint16_t rd16(const std::string& s, std::size_t at)
{
    if (at + 2 > s.size()) {
        throw Error("font file is truncated");
    }
    return static_cast<std::uint16_t>((static_cast<unsigned char>(s[at]) << 8) | static_cast<unsigned char>(s[at + 1]));
}

void wr32(std::string& s, std::uint32_t v)
{
    for (int shift = 24; shift >= 0; shift -= 8) {
        s += static_cast<char>((v >> shift) & 0xff);
    }
}

} // namespace

std::string find_cjk_font()
{
    if (const char* env = std::getenv("EVPACK_FONT"); env && *env) {
        struct stat st{};
        if (::stat(env, &st) != 0 || !S_ISREG(st.st_mode)) {
            throw UsageError(Position{env}, "EVPACK_FONT names a font file that does not exist");
        }
        return env;
    }
    for (const char* candidate : {"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
                                  "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"}) {
        struct stat st{};
        if (::stat(candidate, &st) == 0 && S_ISREG(st.st_mode)) {
            return candidate;
        }
    }
    throw UsageError("no CJK font found for the generated pages: apt-get install fonts-wqy-microhei, "
                     "or set EVPACK_FONT to a TrueType font with Chinese, Latin and digit glyphs");
}

std::string extract_ttc_face(const std::string& ttc, unsigned face)
{
    if (ttc.compare(0, 4, "ttcf") != 0) {
        throw Error("not a TrueType collection");
    }
    std::uint32_t faces = rd32(ttc, 8);
    if (face >= faces) {
        throw Error("the collection has no face " + std::to_string(face));
    }
    std::uint32_t dir = rd32(ttc, 12 + 4 * face);
    std::uint16_t tables = rd16(ttc, dir + 4);
    struct Table
    {
        std::uint32_t tag, checksum, offset, length;
    };
    std::vector<Table> list;
    for (std::uint16_t i = 0; i < tables; ++i) {
        std::size_t rec = dir + 12 + 16u * i;
        Table t{rd32(ttc, rec), rd32(ttc, rec + 4), rd32(ttc, rec + 8), rd32(ttc, rec + 12)};
        if (static_cast<std::uint64_t>(t.offset) + t.length > ttc.size()) {
            throw Error("font table outside the file");
        }
        list.push_back(t);
    }
    std::string out = ttc.substr(dir, 12); // sfnt version, numTables, search fields
    std::uint32_t offset = 12 + 16u * tables;
    std::string data;
    for (const Table& t : list) {
        wr32(out, t.tag);
        wr32(out, t.checksum);
        wr32(out, offset + static_cast<std::uint32_t>(data.size()));
        wr32(out, t.length);
        data += ttc.substr(t.offset, t.length);
        while (data.size() % 4) {
            data += '\0';
        }
    }
    return out + data;
}

FontFile::FontFile()
{
    std::string path = find_cjk_font();
    std::string data = util::read_file(path);
    if (data.compare(0, 4, "ttcf") != 0) {
        m_path = path;
        return;
    }
    data = extract_ttc_face(data, 0);
    const char* tmp = std::getenv("TMPDIR");
    std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/evpack-font-XXXXXX";
    int fd = util::create_temporary_file(templ);
    if (fd < 0) {
        throw IoError(Position{templ}, std::string("cannot create a temporary file for the font: ") + std::strerror(errno));
    }
    // A short write is retried: the next one says why (a full disk, a file-size limit).
    std::size_t done = 0;
    ssize_t n = 0;
    while (done < data.size() && (n = ::write(fd, data.data() + done, data.size() - done)) > 0) {
        done += static_cast<std::size_t>(n);
    }
    if (done < data.size()) {
        std::string why = n < 0 ? std::strerror(errno) : "nothing written";
        ::close(fd);
        ::unlink(templ.c_str());
        util::keep_on_interrupt(templ);
        throw IoError(Position{templ}, "cannot write the extracted font: " + why);
    }
    ::close(fd);
    m_path = templ;
    m_temporary = true;
}

FontFile::~FontFile()
{
    if (m_temporary) {
        ::unlink(m_path.c_str());
        util::keep_on_interrupt(m_path);
    }
}

} // namespace evpack::pdf
