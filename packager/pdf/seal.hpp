#pragma once

// The alliance's seal (公章) as an image: decoded once, drawn on the cover (as the appearance of
// the appendix's signature) and as 骑缝章 slices on the evidence pages.

#include <string>
#include <vector>

namespace evpack::pdf {

struct SealImage
{
    int width = 0, height = 0;
    std::vector<unsigned char> rgb;   // 3 per pixel, row by row
    std::vector<unsigned char> alpha; // 1 per pixel
    bool whitened = false;            // white made transparent (JPEG / PNG without alpha)
    std::string path;
};

// Reads a PNG (its alpha kept; without one, white made transparent) or a JPEG (white made
// transparent). Throws Error naming the file when it is not such an image, cannot be decoded or
// is too large to be a seal.
SealImage load_seal(const std::string& path);

constexpr double seal_diameter_mm = 42.0; // drawn this wide; height by aspect ratio
constexpr double seal_width_pt = seal_diameter_mm / 25.4 * 72.0;

} // namespace evpack::pdf
