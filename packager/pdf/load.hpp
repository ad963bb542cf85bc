#pragma once

// Internal to pdf/: opening a PDF file for PoDoFo without its slow file device, and reaching
// its pages.

#include "util/file.hpp"

#include <podofo/podofo.h>
#include <istream>
#include <memory>
#include <string>

namespace evpack::pdf {

// Loads path into doc (lazily, objects are read as they are used) through a buffered stream.
// PoDoFo's own file device seeks back after every byte its tokenizer peeks at: two system
// calls per character, a quarter of build's time on scanned PDFs. The returned stream is what
// doc reads from: keep it alive as long as doc. Throws PdfError as Load does; IoError if the
// file cannot be opened.
std::unique_ptr<std::istream> load_file(PoDoFo::PdfMemDocument& doc, const std::string& path);
// The same for a PDF that is part of a file (read in place, from its offset on).
std::unique_ptr<std::istream> load_file(PoDoFo::PdfMemDocument& doc, const util::FileRange& file);

// The dictionary of page i (from 0) of a loaded document. Throws Error when the page tree
// (a damaged one) cannot reach it: PoDoFo returns null there.
PoDoFo::PdfObject* page_object(PoDoFo::PdfMemDocument& doc, int i);

} // namespace evpack::pdf
