#pragma once

// Internal to pdf/: PDF text strings (bookmark titles, Info entries, destination names) as
// UTF-8, whatever the producer wrote.

#include <podofo/podofo.h>
#include <string>

namespace evpack::pdf {

// A text string as UTF-8: UTF-16BE with a byte-order mark (any code point, surrogate pairs
// joined), UTF-8 with a byte-order mark (PDF 2.0), else PDFDocEncoding. Literal and hex strings
// alike; an odd trailing byte or an unpaired surrogate becomes U+FFFD rather than cutting the
// rest. (PoDoFo's GetStringUtf8 misses the UTF-8 form.)
std::string text_string(const PoDoFo::PdfString& s);

// The same for an object that should be a string: references are followed (pdfTeX writes
// titles as indirect objects), and hex strings count (PoDoFo's IsString() is false for them:
// every XeTeX title was lost that way). Empty when it is not a string.
std::string text_string(PoDoFo::PdfVecObjects& objects, const PoDoFo::PdfObject* o);

// The bytes of a string as stored (what a name tree compares): UTF-16 strings with their BOM.
std::string string_bytes(const PoDoFo::PdfString& s);

} // namespace evpack::pdf
