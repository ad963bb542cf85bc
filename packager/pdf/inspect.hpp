#pragma once

#include <string>

namespace evpack::pdf {

// What `check` needs to know about a PDF: whether it can be bound, and how many pages it adds.
struct PdfInspection
{
    bool ok = false;
    int pages = 0;
    bool encrypted = false;  // opened without a password, but carries encryption
    bool repaired = false;   // PoDoFo cannot read it; qpdf can repair it
    std::string error_code;  // "pdf-encrypted", "pdf-invalid" when !ok
    std::string message;     // why it cannot be used, or why it needed repair
};

// Opens the PDF the way `build` will (PoDoFo first, qpdf's repair second) without reading page
// contents. Never throws for a bad file.
PdfInspection inspect_pdf(const std::string& path);

// Silences PoDoFo's own stderr output and enables the algorithms old PDFs are encrypted with.
void init_library();

} // namespace evpack::pdf
