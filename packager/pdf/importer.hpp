#pragma once

// Internal to pdf/: copies pages from a source document into ours, taking only the objects each
// page references (PdfMemDocument::Append copies every object and mangles outlines).

#include "pdf/outline_import.hpp"

#include <optional>
#include <podofo/podofo.h>
#include <vector>

namespace evpack::pdf {

// A link annotation of an imported page that goes somewhere in its own document: it is pointed
// at the placed page once placements are known (named destinations do not survive the copy).
struct ImportedLink
{
    std::size_t page = 0;          // index into ImportedPages::pages
    std::size_t annot = 0;         // index into that page's /Annots
    std::optional<Target> target;  // none: it pointed nowhere in the document
};

struct ImportedPages
{
    std::vector<PoDoFo::PdfObject*> pages; // new page objects, in order, not yet in a page tree
    std::vector<SourceOutline> outlines;   // the source's own bookmarks
    std::vector<ImportedLink> links;
};

// Copies every page of src into dst: each page dictionary gets its inherited attributes
// (Resources, MediaBox, CropBox, Rotate) made explicit, loses /Parent, and references to other
// pages of the source are mapped to their copies. Streams are copied raw, never re-encoded, and
// each is complete when copied (dst may write it out at once).
ImportedPages import_pages(PoDoFo::PdfMemDocument& src, PoDoFo::PdfDocument& dst);

} // namespace evpack::pdf
