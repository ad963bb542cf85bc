#pragma once

// Internal to pdf/: the signature fields of a loaded document.

#include "pdf/fingerprint.hpp"

#include <podofo/podofo.h>
#include <vector>

namespace evpack::pdf {

// Every field of the catalog's /AcroForm whose type is /Sig and that has a value, depth first
// (kids included). Fields that are damaged (not dictionaries, cycles) are skipped.
std::vector<PdfSignature> read_signatures(PoDoFo::PdfMemDocument& doc);

} // namespace evpack::pdf
