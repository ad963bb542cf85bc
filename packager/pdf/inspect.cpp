#include "pdf/inspect.hpp"

#include "crypto/sha256.hpp"
#include "pdf/load.hpp"
#include "pdf/podofo_error.hpp"
#include "pdf/repair.hpp"
#include "util/error.hpp"

#include <podofo/podofo.h>

namespace evpack::pdf {

void init_library()
{
    static bool done = [] {
        PoDoFo::PdfError::EnableDebug(false);
        PoDoFo::PdfError::EnableLogging(false);
        crypto::enable_legacy_algorithms();
        return true;
    }();
    (void)done;
}

PdfInspection inspect_pdf(const std::string& path)
{
    init_library();
    PdfInspection out;
    std::string podofo_problem;
    try {
        PoDoFo::PdfMemDocument doc;
        std::unique_ptr<std::istream> file = load_file(doc, path);
        // Every page object reached: a broken page tree must fail here, not during build.
        int n = static_cast<int>(page_objects(doc).size());
        if (n <= 0) {
            out.error_code = "pdf-empty";
            out.message = "the PDF has no pages";
            return out;
        }
        out.ok = true;
        out.pages = n;
        out.encrypted = doc.GetEncrypted();
        return out;
    } catch (const PoDoFo::PdfError& e) {
        if (e.GetError() == PoDoFo::ePdfError_InvalidPassword) {
            out.error_code = "pdf-encrypted";
            out.message = describe(e);
            return out;
        }
        podofo_problem = describe(e);
    } catch (const std::exception& e) {
        podofo_problem = e.what();
    }
    // PoDoFo does not rebuild damaged cross-reference tables; qpdf does.
    RepairResult repaired = try_repair(path, /*keep_output=*/true);
    if (repaired.ok) {
        // What build will bind is the repaired copy: it must load and have its pages.
        try {
            PoDoFo::PdfMemDocument doc;
            doc.LoadFromBuffer(repaired.data.data(), static_cast<long>(repaired.data.size()));
            page_objects(doc);
        } catch (const PoDoFo::PdfError& e) {
            out.error_code = "pdf-invalid";
            out.message = podofo_problem + "; even qpdf's repaired copy cannot be read (" + describe(e) + ")";
            return out;
        } catch (const Error& e) {
            out.error_code = "pdf-invalid";
            out.message = podofo_problem + "; even qpdf's repaired copy cannot be read (" + e.message() + ")";
            return out;
        }
        out.ok = true;
        out.repaired = true;
        out.pages = repaired.pages;
        out.message = podofo_problem + "; qpdf can repair it";
        return out;
    }
    out.error_code = repaired.password ? "pdf-encrypted" : "pdf-invalid";
    out.message = repaired.password ? "the PDF is encrypted and needs a password" : podofo_problem;
    return out;
}

} // namespace evpack::pdf
