#include "pdf/podofo_error.hpp"

namespace evpack::pdf {

std::string describe(const PoDoFo::PdfError& e)
{
    std::string text;
    switch (e.GetError()) {
    case PoDoFo::ePdfError_InvalidPassword:
        return "the PDF is encrypted and needs a password";
    case PoDoFo::ePdfError_NoPdfFile:
        return "not a PDF file (no %PDF header)";
    case PoDoFo::ePdfError_NoEOFToken:
        return "the PDF is truncated (no %%EOF marker)";
    case PoDoFo::ePdfError_UnexpectedEOF:
        return "the PDF ends unexpectedly";
    case PoDoFo::ePdfError_NoXRef:
    case PoDoFo::ePdfError_InvalidXRef:
    case PoDoFo::ePdfError_InvalidXRefStream:
    case PoDoFo::ePdfError_InvalidXRefType:
    case PoDoFo::ePdfError_NoNumber:
    case PoDoFo::ePdfError_NoTrailer:
    case PoDoFo::ePdfError_InvalidTrailerSize:
        text = "the PDF's cross-reference table is damaged";
        break;
    case PoDoFo::ePdfError_UnsupportedFilter:
        text = "the PDF uses an unsupported filter";
        break;
    case PoDoFo::ePdfError_UnsupportedFontFormat:
        text = "the PDF uses an unsupported font format";
        break;
    default:
        text = "the PDF cannot be read";
    }
    const char* name = PoDoFo::PdfError::ErrorName(e.GetError());
    if (name) {
        text += std::string(" (") + name + ")";
    }
    return text;
}

} // namespace evpack::pdf
