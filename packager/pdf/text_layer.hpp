#pragma once

// The searchable text of a scanned page (build --ocr): invisible text (rendering mode 3) in a
// form XObject of its own, drawn from the page's marks stream. The page's own content streams
// are untouched, so verify binds the page as before, and no rendered pixel changes.

#include "ocr/page_text.hpp"
#include "pdf/page_layout.hpp"

#include <podofo/podofo.h>
#include <string>

namespace evpack::pdf {

// The font every text layer of the appendix shares: Type0, Identity-H, with codes that are the
// text's UTF-16 units and a ToUnicode map that says so, over Tesseract's glyphless TrueType
// (pdf.ttf, 572 bytes, installed with libtesseract5), its glyph as wide as a Chinese character
// (1000 units), a Latin letter (500) or a space (250).
// Throws UsageError when pdf.ttf is not installed.
PoDoFo::PdfReference make_text_layer_font(PoDoFo::PdfDocument& doc);

// The content of a text layer, in display coordinates: each line stretched over its box within
// `evidence` (where the page shows on the sheet). Characters outside the Basic Multilingual
// Plane are left out (they would need two codes).
std::string text_layer_ops(const ocr::PageText& text, const Rect& evidence, const std::string& font_name);

// The form XObject of one page's text layer: its /Matrix maps display coordinates to the
// page's user space, as the marks' does.
PoDoFo::PdfReference make_text_layer(PoDoFo::PdfDocument& doc, const PoDoFo::PdfReference& font,
                                     const ocr::PageText& text, const Placement& p);

} // namespace evpack::pdf
