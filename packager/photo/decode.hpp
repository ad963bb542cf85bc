#pragma once

// The one doorway to libheif, libwebp and giflib, and evpack's own BMP reader: phone and chat
// photos decoded to plain 8-bit rows, which pdf/ compresses into an image of the appendix.

#include <string>
#include <vector>

struct _ExifData; // libexif's ExifData

namespace evpack::photo {

enum class Format { heif, webp, gif, bmp };

struct PhotoInfo
{
    int width = 0;  // as it will be shown (after its orientation)
    int height = 0;
    int frames = 1; // a GIF's images; only the first is bound
};

// An image as shown: rows top to bottom, RGB (components 3) or gray (1), 8 bits; the photo's
// orientation applied (HEIF: its irot/imir boxes, which libheif applies; its EXIF copy of the same
// is not applied again; WebP: its EXIF orientation) and any transparency composited on white.
struct Raster
{
    int width = 0;
    int height = 0;
    int components = 3;
    std::vector<unsigned char> pixels;
};

// Reads the headers only (HEIF's boxes, WebP's features, GIF's records without decoding them,
// BMP's headers) and checks they describe an image evpack can decode. Throws Error with the
// reason ("the HEIF image cannot be read: ...").
PhotoInfo inspect_photo(const std::string& path, Format format);

// Decodes the image (a GIF's first frame). Throws Error with the reason.
Raster decode_photo(const std::string& path, Format format);

// The EXIF orientation (1..8) applied to rows: rotated and mirrored as a viewer shows them.
Raster oriented(Raster in, int orientation);

// The EXIF orientation (1-8; 1 when absent or not a single SHORT, as the standard has it).
int exif_orientation(_ExifData* data);

} // namespace evpack::photo
