#pragma once

#include <string>

namespace evpack::util {

// A private folder under $TMPDIR (or /tmp), removed with everything in it on destruction.
class TempDir
{
public:
    // Throws IoError when the folder cannot be created.
    explicit TempDir(const std::string& prefix);
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

} // namespace evpack::util
