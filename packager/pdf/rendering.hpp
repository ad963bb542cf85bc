#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace evpack::pdf {

// What a PDF that LibreOffice wrote holds, once checked.
struct RenderedPdf
{
    int pages = 0;
    bool blank = false; // no page paints anything (no text, path, image or shading)
};

// Reads a PDF that LibreOffice rendered (in) and writes it again to out with what differs between
// two conversions of one file fixed: /CreationDate and /ModDate set to time (seconds since the
// epoch, SOURCE_DATE_EPOCH) or dropped without one, /DocChecksum dropped and the /ID derived from the content, so that
// the same original gives the same bytes on every machine and every run. Page contents are copied
// unchanged. Throws Error (naming in) when in is not a readable PDF.
RenderedPdf write_reproducible(const std::string& in, const std::string& out, std::optional<std::int64_t> time);

} // namespace evpack::pdf
