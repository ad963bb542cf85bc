#pragma once

// build --ocr: the text of every scanned page of the evidence (an image, or a PDF page without
// text of its own), read by Tesseract on a thread per core (at most 8), and cached like
// Office renderings so that a rebuild reads nothing again.

#include "evidence/file_type.hpp"
#include "ocr/engine.hpp"
#include "ocr/page_text.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace evpack::ocr {

// One evidence document as build binds it.
struct Source
{
    std::string path;  // what the appendix binds (an Office file's rendering)
    std::string label; // the file as the manifest names it, for messages
    evidence::FileType type = evidence::FileType::pdf;
    int pages = 0;
    int orientation = 1; // a JPEG's EXIF orientation
    std::int64_t pixels = 0; // an image's width × height, as its headers say
    std::string sha256;  // of the file at path, when known (hashed here otherwise)
};

struct Options
{
    std::string languages = default_languages;
    std::string cache_folder; // office::RenderCache::default_folder() when empty
    bool progress = false;
};

struct Result
{
    // Per source, per page: what was read, or nullopt (the page has text of its own, or it could
    // not be read: see warnings).
    std::vector<std::vector<std::optional<PageText>>> pages;
    int read = 0;      // pages Tesseract read in this run
    int cached = 0;    // scanned pages whose text came from the cache
    int had_text = 0;  // PDF pages with text of their own, left as they are
    std::vector<std::string> warnings; // "label: page 3: reason; it has no text layer"
};

// Throws UsageError when the language data is missing (before any work), Error when Tesseract
// cannot start. A page that cannot be read is a warning, not an error: the appendix is built
// without its text layer.
Result recognize(const std::vector<Source>& sources, const Options& options);

} // namespace evpack::ocr
