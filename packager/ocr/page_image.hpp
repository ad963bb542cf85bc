#pragma once

// Evidence pages as images for OCR, upright as the appendix shows them: a scan or photo decoded
// (its EXIF orientation applied), a PDF page rendered by poppler (its /Rotate applied).

#include "evidence/file_type.hpp"
#include "photo/decode.hpp"

#include <cstdint>
#include <memory>
#include <string>

namespace poppler {
class document;
}

namespace evpack::ocr {

// Pages are read at up to this many pixels on their long side (an A4 page at 300 dpi is 3508):
// enough for Tesseract, and a phone photo or a poster-sized page stays a few tens of MB.
constexpr int max_side = 4200;

// A gray image (components 1) and the resolution it was read at, as placed on A4.
struct Scan
{
    photo::Raster raster;
    int dpi = 300;
};

// Images larger than this are not read (check's headers tell; a page of A0 at 600 dpi is 70 MP):
// decoding one whole takes a byte or four a pixel, on every core at once.
constexpr std::int64_t max_pixels = 100'000'000;

// Frame `frame` (a TIFF's page; 0 otherwise) of an image evidence file, upright (orientation:
// the JPEG's EXIF orientation; photos apply their own), gray, scaled down to max_side. pixels:
// its size as its headers say. Throws Error with the reason.
Scan read_image(const std::string& path, evidence::FileType type, int frame, int orientation, std::int64_t pixels);

// A PDF opened with poppler. poppler keeps global state: every call is serialised on one lock,
// so workers may share the process but render one page at a time.
class PdfPages
{
public:
    // Throws Error when poppler cannot open the file (damaged, or a password needed to open it).
    explicit PdfPages(const std::string& path);
    ~PdfPages();
    PdfPages(const PdfPages&) = delete;
    PdfPages& operator=(const PdfPages&) = delete;

    int count() const;
    // True when the page has text of its own (a text PDF, or a scan that was OCRed before).
    bool has_text(int page) const;
    // The page as shown (CropBox, /Rotate), gray, at 300 dpi or less to stay within max_side.
    Scan render(int page) const;

private:
    std::unique_ptr<poppler::document> m_doc;
};

} // namespace evpack::ocr
