#pragma once

#include <optional>
#include <string>

namespace evpack::office {

// Renderings kept between runs, so that an unchanged rebuild starts no LibreOffice: one PDF per
// key (the SHA-256 of the original, the converter and the options: render.cpp) with the
// converter's version beside it. An entry is written whole or not at all (a temporary name in
// the folder, renamed into place), the PDF last: a PDF present means a whole entry.
class RenderCache
{
public:
    // $EVPACK_CACHE_DIR, else $XDG_CACHE_HOME/evpack/renderings, else ~/.cache/evpack/renderings.
    static std::string default_folder();

    explicit RenderCache(std::string folder) : m_folder(std::move(folder)) {}

    struct Entry
    {
        std::string pdf_path;
        std::string converter; // "LibreOffice 7.4.7.2 ..."
    };
    std::optional<Entry> find(const std::string& key) const;
    // Copies pdf into the cache under key. Throws IoError when the cache cannot be written (the
    // caller may go on without it).
    Entry store(const std::string& key, const std::string& pdf, const std::string& converter) const;

    const std::string& folder() const { return m_folder; }

private:
    std::string m_folder;
};

} // namespace evpack::office
