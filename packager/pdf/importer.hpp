#pragma once

// Internal to pdf/: copies pages from a source document into ours, taking only the objects each
// page references (PdfMemDocument::Append copies every object and mangles outlines).

#include <map>
#include <podofo/podofo.h>
#include <string>
#include <vector>

namespace evpack::pdf {

struct SourceOutline
{
    std::string title;
    int page = -1; // index into the source's pages, -1 when it points nowhere we know
    std::vector<SourceOutline> children;
};

struct ImportedPages
{
    std::vector<PoDoFo::PdfObject*> pages; // new page objects, in order, not yet in a page tree
    std::vector<SourceOutline> outlines;   // the source's own bookmarks
};

// Copies every page of src into dst: each page dictionary gets its inherited attributes
// (Resources, MediaBox, CropBox, Rotate) made explicit, loses /Parent, and references to other
// pages of the source are mapped to their copies. Streams are copied raw, never re-encoded, and
// each is complete when copied (dst may write it out at once).
ImportedPages import_pages(PoDoFo::PdfMemDocument& src, PoDoFo::PdfDocument& dst);

} // namespace evpack::pdf
