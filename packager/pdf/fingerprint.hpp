#pragma once

#include "evidence/file_type.hpp"
#include "util/file.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace evpack::pdf {

// What verify reads from a received appendix: per page, a fingerprint of the evidence content it
// carries (empty for the pages evpack generated), and the bookmark tree.
struct AppendixOutline
{
    std::string title;
    int page = 0; // 1-based, 0 when it points nowhere
    std::vector<AppendixOutline> children;
};

// A signature field of the document, as its dictionaries say (checked by verify).
struct PdfSignature
{
    std::string field;                    // /T
    std::vector<std::int64_t> byte_range; // /ByteRange as written
    std::string contents;                 // /Contents, the CMS padded with zeros
    std::string sub_filter;
    std::string time; // /M, as written (D:YYYYMMDDHHmmSS...)
    std::string name; // /Name, UTF-8
};

struct AppendixFacts
{
    int pages = 0;
    std::vector<std::string> page_fingerprints; // 1 per page
    std::vector<AppendixOutline> outlines;
    std::vector<PdfSignature> signatures; // the fields of /AcroForm that are signatures
};

// Fingerprint of an appendix page: SHA-256 of the content streams (as stored: build copies them
// byte for byte) between evpack's placement prefix ("q <clip> re W n <scale> cm") and its
// shared "Q" stream (an imported PDF page), or of the raw data of its embedded image (an image
// page).
// Reads the file lazily and frees each page's streams after use: memory stays at about one page
// whatever the appendix's size. The file may be part of a larger one (a stored zip entry), read
// in place. Throws Error when the file is not a readable PDF.
AppendixFacts read_appendix(const util::FileRange& file);

// Fingerprints of an evidence file's pages as build would bind them: for a PDF, SHA-256 of each
// page's content streams as stored; for a JPEG, of the file; for a PNG embedded as is, of its
// IDAT data. nullopt when the image is re-encoded by build (TIFF, PNG with alpha) and so cannot
// be compared without decoding it. Throws Error when a PDF cannot be read.
std::optional<std::vector<std::string>> evidence_fingerprints(const util::FileRange& file, evidence::FileType type);

// What verify reads from an evidence file: its page fingerprints (as above) and, for a PDF, its
// own bookmarks (page: 1-based within the document, 0 when an item points nowhere in it).
struct EvidenceFacts
{
    std::optional<std::vector<std::string>> fingerprints;
    std::vector<AppendixOutline> outlines;
};
EvidenceFacts read_evidence(const util::FileRange& file, evidence::FileType type);

} // namespace evpack::pdf
