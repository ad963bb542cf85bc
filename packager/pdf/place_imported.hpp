#pragma once

// Internal to pdf/: an imported page put on its sheet. Its content streams stay byte for byte
// what the source has (verify compares them with the original); a prefix stream of ours scales
// and clips them into the evidence area, and everything with coordinates around them (page
// boxes, annotations, destinations) is moved to match.

#include "pdf/outline_import.hpp"
#include "pdf/page_layout.hpp"

#include <optional>
#include <podofo/podofo.h>
#include <set>

namespace evpack::pdf {

// Where this imported page goes: its visible box (CropBox within MediaBox) and /Rotate.
Placement place_imported(PoDoFo::PdfDocument& doc, PoDoFo::PdfObject* page, LayoutMode mode);

// Rewrites the page for its placement: /MediaBox becomes the sheet (the other boxes go),
// /Contents becomes [prefix, the page's own streams…, close] where close is the shared "Q"
// stream, and each annotation's coordinates are moved (an annotation shared by two pages is
// moved once: moved remembers them).
void apply_placement(PoDoFo::PdfDocument& doc, PoDoFo::PdfObject* page, const Placement& p,
                     const PoDoFo::PdfReference& close, std::set<PoDoFo::PdfReference>& moved);

// An explicit destination on a placed page: its view mapped onto the sheet; /Fit without one.
PoDoFo::PdfArray destination(const PoDoFo::PdfReference& page, const std::optional<View>& view, const Placement& p);

// Points the page's annotation number `annot` (in /Annots) at dest, replacing a named
// destination or GoTo action; with no dest, the link is made inert (it pointed nowhere).
void point_link(PoDoFo::PdfDocument& doc, PoDoFo::PdfObject* page, std::size_t annot,
                const std::optional<PoDoFo::PdfArray>& dest);

} // namespace evpack::pdf
