#pragma once

// Internal to pdf/: the seal as a PDF image XObject.

#include "pdf/seal.hpp"

#include <podofo/podofo.h>
#include <string>

namespace evpack::pdf {

// The seal's colour and alpha, each deflated (FlateDecode, no predictor): the data of the image
// XObject and of its /SMask.
struct SealStreams
{
    std::string rgb;
    std::string alpha;
};
SealStreams compress_seal(const SealImage& seal);

// An /Image XObject (DeviceRGB, 8 bits, Flate) with an /SMask for the alpha. One object serves
// every use in a document (cover, 骑缝章 slices). Works with a streamed document too: the mask's
// stream is complete before the image's begins.
PoDoFo::PdfReference embed_seal(PoDoFo::PdfDocument& doc, const SealImage& seal);

} // namespace evpack::pdf
