#pragma once

#include "evidence/office_type.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace evpack::office {

struct RenderRequest
{
    std::string path;   // the original
    std::string sha256; // of the original
    evidence::OfficeFormat format = evidence::OfficeFormat::docx; // from its content
};

struct Rendering
{
    std::string pdf_path;  // in the cache; empty when it failed
    std::string converter; // "LibreOffice 7.4.7.2 ..."
    int pages = 0;
    bool converted = false; // made by this run (not found in the cache)
    std::string error;      // why there is none, said to the clerk: what happened and what to do
    bool ok() const { return !pdf_path.empty(); }
};

struct RenderOptions
{
    std::string cache_folder; // RenderCache::default_folder() when empty
    // Per conversion run; EVPACK_OFFICE_TIMEOUT (seconds) when set, else 60 s plus 20 s a file.
    std::optional<int> timeout_seconds;
};

struct RenderRun
{
    std::vector<Rendering> renderings; // one per request, in order
    int libreoffice_runs = 0;          // conversion runs started (0 when all were cached)
    bool libreoffice_missing = false;
};

// Renders each original to PDF: from the cache when it has the rendering, else by LibreOffice,
// all that need it at once: OOXML and OpenDocument files spread over one run per core, the 97
// formats and RTF one run per import filter (told with --infilter, which applies to every file
// of a run: render.cpp says why only these), all runs in parallel, each on a profile of its own, bounded in time and killed as a process
// group. Each PDF made is checked (it exists, it is a PDF, some page paints something), made
// reproducible (pdf/rendering) and cached; nothing of a failed conversion is kept. Never throws
// for a bad original: its Rendering says why.
RenderRun render(const std::vector<RenderRequest>& requests, const RenderOptions& options = {});

} // namespace evpack::office
