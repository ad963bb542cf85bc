#pragma once

// Internal to pdf/: turning PoDoFo's PdfError (not a std::exception) into words.

#include <podofo/podofo.h>
#include <string>

namespace evpack::pdf {

std::string describe(const PoDoFo::PdfError& e);

} // namespace evpack::pdf
