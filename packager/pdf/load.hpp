#pragma once

// Internal to pdf/: opening a PDF file for PoDoFo without its slow file device, and reaching
// its pages.

#include "util/file.hpp"

#include <podofo/podofo.h>
#include <istream>
#include <memory>
#include <string>
#include <vector>

namespace evpack::pdf {

// Loads path into doc (lazily, objects are read as they are used) through a buffered stream.
// PoDoFo's own file device seeks back after every byte its tokenizer peeks at: two system
// calls per character, a quarter of build's time on scanned PDFs. The returned stream is what
// doc reads from: keep it alive as long as doc. Throws PdfError as Load does; IoError if the
// file cannot be opened.
std::unique_ptr<std::istream> load_file(PoDoFo::PdfMemDocument& doc, const std::string& path);
// The same for a PDF that is part of a file (read in place, from its offset on).
std::unique_ptr<std::istream> load_file(PoDoFo::PdfMemDocument& doc, const util::FileRange& file);

// The page dictionaries of a loaded document, in order: as many as its page count, found by
// walking the page tree once. (PoDoFo's GetPage(i) walks it from the root for each page: on a
// flat tree of 2,288 pages that was 40% of verify's time.) Throws Error when the tree, a damaged
// one, cannot reach them all: a missing or foreign node, a cycle.
std::vector<PoDoFo::PdfObject*> page_objects(PoDoFo::PdfMemDocument& doc);

} // namespace evpack::pdf
