#pragma once

// The one doorway to Tesseract: a page image in, its text and where it sits out.

#include "ocr/page_text.hpp"

#include <memory>
#include <string>

namespace tesseract {
class TessBaseAPI;
}

namespace evpack::ocr {

// Chinese (simplified) and English, the languages of the forms' evidence.
constexpr const char* default_languages = "chi_sim+eng";

// Where Tesseract's language data is: $TESSDATA_PREFIX, else Debian's folder.
std::string tessdata_folder();

// Checks that every language of languages ("chi_sim+eng") has its data, and that the glyphless
// font is there, before any work starts. Throws UsageError saying which Debian package to install.
void check_languages(const std::string& languages);

// Tesseract's glyphless TrueType font (pdf.ttf, installed with libtesseract5), which the text
// layers use; empty when it is not installed.
std::string glyphless_font_path();

// A page Tesseract has not read in this time is given up (a warning; nothing is cached).
constexpr int page_seconds = 120;

// "Tesseract 5.3.0, chi_sim+eng (<data sizes>), leptonica-1.82.0; libjpeg ...": what a cached
// result depends on.
std::string engine_identity(const std::string& languages);

// A gray or RGB image, rows top to bottom, as the page is shown.
struct PageImage
{
    int width = 0;
    int height = 0;
    int components = 1; // 1 gray, 3 RGB
    const unsigned char* pixels = nullptr;
    int dpi = 300; // its resolution as placed, for Tesseract's size heuristics
};

// One Tesseract instance: about 170 MB and a second to start with chi_sim, so one per worker
// thread, each reading pages one after another. Not thread-safe; separate Engines are.
class Engine
{
public:
    explicit Engine(const std::string& languages);
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // The page's text as runs, in Tesseract's reading order; lines it is not confident of are
    // left out. Throws Error when Tesseract has not finished within page_seconds.
    PageText read(const PageImage& image);

private:
    std::unique_ptr<tesseract::TessBaseAPI> m_api;
};

} // namespace evpack::ocr
