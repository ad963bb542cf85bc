#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace evpack::util {

// Finds a relative path on disk as a person typed it. Names compare under Unicode normalisation
// (NFC), so a file copied from a Mac (its name in NFD) is found under the name a manifest gives
// it; two names in one folder that normalise alike are ambiguous, never one picked. Folder
// listings are read once and kept.
class NameLookup
{
public:
    struct Result
    {
        enum class Status { found, missing, ambiguous };
        Status status = Status::missing;
        std::string path;                // found: base joined with the names as they are on disk
        std::vector<std::string> alike;  // ambiguous: the clashing names, relative to base
        std::string missing_folder;      // missing: the folder, relative to base, that lacks the next name ("" = base)
        std::string missing_name;        // missing: the name not found in missing_folder
        bool missing_is_last = true;     // missing: the file name itself is missing, not a folder on the way
        std::string suggestion;          // missing: the nearest existing path (util::nearest at each step), or ""
    };

    // offer: which names on disk may be suggested (all when empty).
    explicit NameLookup(std::string base, std::function<bool(const std::string& name)> offer = {})
        : m_base(std::move(base)), m_offer(std::move(offer))
    {
    }

    // rel: '/'-separated, relative to base; "." and empty components are skipped, ".." taken as is.
    Result find(const std::string& rel);

private:
    // A folder's entries: NFC name -> names on disk.
    const std::multimap<std::string, std::string>& entries(const std::string& dir);

    std::string m_base;
    std::function<bool(const std::string& name)> m_offer;
    std::map<std::string, std::multimap<std::string, std::string>> m_dirs;
};

} // namespace evpack::util
