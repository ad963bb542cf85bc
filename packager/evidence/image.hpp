#pragma once

#include "evidence/file_type.hpp"
#include "photo/decode.hpp"

#include <string>
#include <vector>

namespace evpack::evidence {

// What is known about an image from its headers, without decoding its pixels.
struct ImageInfo
{
    int width = 0;
    int height = 0;
    int components = 0;   // 1 gray, 3 colour, 4 CMYK (JPEG); for PNG as stored
    int bits = 8;         // bits per component
    int orientation = 1;  // EXIF orientation 1..8
    int frames = 1;       // pages of a multi-page TIFF
    int gif_frames = 1;   // images of an (animated) GIF, of which the first is bound
    bool adobe_cmyk = false; // JPEG with an Adobe APP14 marker: CMYK stored inverted
    int png_color_type = -1;
    bool interlaced = false;
    bool has_transparency = false; // PNG alpha channel or tRNS
};

// Reads an image's headers and checks its structure (JPEG markers up to EOI, every PNG chunk's
// CRC, every TIFF directory) without decoding pixels. Throws Error with the reason.
ImageInfo inspect_image(const std::string& path, FileType type);

// The parts of a PNG file that can go into a PDF unchanged: the concatenated IDAT data (a zlib
// stream of filtered rows) and the palette. Stops at IEND or at a chunk that runs past the end.
struct PngChunks
{
    std::string idat;
    std::string palette;
    bool has_trns = false;
};
PngChunks png_chunks(const std::string& file);

// Routes libtiff's errors into last_tiff_error() and silences its warnings (it prints to stderr
// otherwise). Clears the last error.
void capture_tiff_errors();
const std::string& last_tiff_error();

// photo/'s name for a photo type (is_photo(type) must hold).
photo::Format photo_format(FileType type);

// EXIF orientation of a JPEG (1 when absent or unreadable).
int exif_orientation(const std::string& path);

} // namespace evpack::evidence
