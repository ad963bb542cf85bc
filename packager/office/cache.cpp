#include "office/cache.hpp"

#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/file.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace evpack::office {

std::string RenderCache::default_folder()
{
    if (const char* set = std::getenv("EVPACK_CACHE_DIR"); set && *set) {
        return set;
    }
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg && xdg[0] == '/') {
        return std::string(xdg) + "/evpack/renderings";
    }
    const char* home = std::getenv("HOME");
    return std::string(home && *home ? home : "/tmp") + "/.cache/evpack/renderings";
}

std::optional<RenderCache::Entry> RenderCache::find(const std::string& key) const
{
    Entry e{m_folder + "/" + key + ".pdf", ""};
    if (::access(e.pdf_path.c_str(), R_OK) != 0) {
        return std::nullopt;
    }
    try {
        e.converter = util::read_file(m_folder + "/" + key + ".converter");
    } catch (const Error&) {
        return std::nullopt;
    }
    return e;
}

RenderCache::Entry RenderCache::store(const std::string& key, const std::string& pdf, const std::string& converter) const
{
    std::error_code ec;
    std::filesystem::create_directories(m_folder, ec);
    if (ec) {
        throw IoError(Position{m_folder}, "cannot create the rendering cache: " + ec.message());
    }
    util::write_file_atomic(m_folder + "/" + key + ".converter", converter);
    util::write_file_atomic(m_folder + "/" + key + ".pdf", util::read_file(pdf));
    return {m_folder + "/" + key + ".pdf", converter};
}

} // namespace evpack::office
