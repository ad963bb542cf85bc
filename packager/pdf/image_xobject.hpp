#pragma once

// Internal to pdf/: image files as PDF image XObjects, without decoding when the data can be
// embedded as it is.

#include "evidence/image.hpp"
#include "photo/decode.hpp"

#include <podofo/podofo.h>
#include <string>
#include <vector>

namespace evpack::pdf {

struct ImageXObject
{
    PoDoFo::PdfReference ref; // the object itself is written out and gone
    int width = 0;  // pixels as stored
    int height = 0;
};

// One XObject per frame (a multi-page TIFF gives several). JPEG is embedded byte for byte
// (DCTDecode); PNG without transparency or interlacing keeps its zlib data (FlateDecode with
// PNG predictors); bilevel TIFF becomes CCITT G4 (passed through when the frame is one G4
// strip, re-encoded to one strip otherwise); other PNG and TIFF are decoded one frame at a
// time and deflated.
// Throws Error naming what failed.
std::vector<ImageXObject> make_image_xobjects(PoDoFo::PdfDocument& doc, const std::string& path,
                                              evidence::FileType type, const evidence::ImageInfo& info);

} // namespace evpack::pdf
