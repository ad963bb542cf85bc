#pragma once

// Internal to pdf/: what evpack prints on every page but the cover (the running mark, the page
// number, a photo's caption, a 骑缝章 slice), always in the bands around the evidence: never over
// it, and without boxes that could hide anything. With --ocr a scanned page's invisible text
// layer is drawn from the same stream.

#include "pdf/page_layout.hpp"

#include <optional>
#include <podofo/podofo.h>
#include <string>
#include <vector>

namespace evpack::pdf {

// One vertical slice of the seal at the page's outer edge: slice `index` of `count`.
struct SealSlice
{
    PoDoFo::PdfReference image; // the seal's image XObject
    double width = 0;           // the whole seal, points
    double height = 0;
    int index = 0;
    int count = 1;
};

struct Marks
{
    std::string running;                   // top band, right: "证明材料 10-2 · 3/4"
    std::string number;                    // bottom band, centre: "第 5 页 / 共 40 页"
    std::vector<std::string> caption;      // lines above the page number, under a photo
    std::optional<SealSlice> slice;
    std::optional<PoDoFo::PdfReference> text_layer; // build --ocr: the page's text (a form XObject)
};

// Marks on a page whose resources are evpack's own (generated and image pages).
void mark_own_page(PoDoFo::PdfDocument& doc, PoDoFo::PdfObject* page, PoDoFo::PdfFont& font, const Placement& p,
                   const Marks& marks);

// Marks on an imported page: drawn in a form XObject with resources of its own, so that the
// source's resource names cannot clash with ours; the page gets a private /Resources with one
// more entry under a name it does not use.
void mark_imported_page(PoDoFo::PdfDocument& doc, PoDoFo::PdfObject* page, PoDoFo::PdfFont& font, const Placement& p,
                        const Marks& marks);

// The caption's font size and line height; captions wrap over at most this many lines.
constexpr double caption_size = 9;
constexpr double caption_line = 12;
constexpr std::size_t caption_max_lines = 3;

// The dictionary of a form XObject drawn in display coordinates over a whole sheet (its /Matrix
// maps them to the page's user space), with one font as its resources.
PoDoFo::PdfDictionary sheet_form(const Placement& p, const PoDoFo::PdfName& font_name, const PoDoFo::PdfReference& font);

// The page's /Resources as a dictionary of its own (a shared one is copied, shallowly, with
// its /XObject sub-dictionary), to which resources can be added without touching other pages.
PoDoFo::PdfDictionary& private_resources(PoDoFo::PdfDocument& doc, PoDoFo::PdfObject* page);

// Adds ref under /XObject with a name based on base that the dictionary does not use yet.
std::string add_xobject(PoDoFo::PdfDocument& doc, PoDoFo::PdfDictionary& resources, const std::string& base,
                        const PoDoFo::PdfReference& ref);

// Appends a content stream with these operators to the page.
void append_content(PoDoFo::PdfDocument& doc, PoDoFo::PdfObject* page, const std::string& ops);

} // namespace evpack::pdf
