#include "util/temp_dir.hpp"

#include "util/error.hpp"
#include "util/interrupt.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace evpack::util {

TempDir::TempDir(const std::string& prefix)
{
    const char* tmp = std::getenv("TMPDIR");
    std::string base = tmp && *tmp ? tmp : "/tmp";
    std::string pattern = base + "/" + prefix + "-XXXXXX";
    if (!create_temporary_folder(pattern)) {
        throw IoError(Position{base}, std::string("cannot create a temporary folder: ") + std::strerror(errno));
    }
    m_path = pattern;
}

TempDir::~TempDir()
{
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
    keep_on_interrupt(m_path);
}

} // namespace evpack::util
