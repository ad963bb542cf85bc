#include "photo/decode.hpp"

#include "util/error.hpp"
#include "util/file.hpp"

#include <cstdint>
#include <cstring>
#include <gif_lib.h>
#include <libexif/exif-data.h>
#include <libheif/heif.h>
#include <memory>
#include <webp/decode.h>
#include <webp/demux.h>

namespace evpack::photo {

namespace {

// Whatever the headers say, a photo larger than this is refused before any buffer is allocated
// (a 12 MP phone photo is far below; the limit keeps a hostile header from costing gigabytes).
constexpr std::int64_t max_pixels = 200'000'000;

void check_size(std::int64_t w, std::int64_t h, const char* what)
{
    if (w <= 0 || h <= 0 || w > 65535 || h > 65535 || w * h > max_pixels) {
        throw Error(std::string("the ") + what + " image has an unusable size (" + std::to_string(w) + " x "
                    + std::to_string(h) + " pixels)");
    }
}

// Composites 8-bit RGBA on white.
void flatten_rgba(const unsigned char* rgba, std::size_t count, unsigned char* rgb)
{
    for (std::size_t i = 0; i < count; ++i) {
        unsigned a = rgba[4 * i + 3];
        for (int c = 0; c < 3; ++c) {
            rgb[3 * i + static_cast<std::size_t>(c)] = static_cast<unsigned char>((rgba[4 * i + static_cast<std::size_t>(c)] * a + 255 * (255 - a)) / 255);
        }
    }
}

// --- HEIF / HEIC (libheif)

struct Heif
{
    heif_context* ctx = heif_context_alloc();
    heif_image_handle* handle = nullptr;
    ~Heif()
    {
        if (handle) {
            heif_image_handle_release(handle);
        }
        heif_context_free(ctx);
    }
};

void heif_check(heif_error err)
{
    if (err.code != heif_error_Ok) {
        std::string why = err.message ? err.message : "unknown error";
        while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) {
            why.pop_back();
        }
        throw Error("the HEIF image cannot be read: " + why);
    }
}

void open_heif(Heif& h, const std::string& path)
{
    heif_context_set_maximum_image_size_limit(h.ctx, 65535);
    heif_check(heif_context_read_from_file(h.ctx, path.c_str(), nullptr));
    heif_check(heif_context_get_primary_image_handle(h.ctx, &h.handle));
}

PhotoInfo heif_info(const std::string& path)
{
    Heif h;
    open_heif(h, path);
    // The handle's size is the coded one; a 90° irot swaps it when decoded. Its size is checked
    // here, and the decoded size is what build uses.
    check_size(heif_image_handle_get_width(h.handle), heif_image_handle_get_height(h.handle), "HEIF");
    return {heif_image_handle_get_width(h.handle), heif_image_handle_get_height(h.handle), 1};
}

Raster heif_decode(const std::string& path)
{
    Heif h;
    open_heif(h, path);
    check_size(heif_image_handle_get_width(h.handle), heif_image_handle_get_height(h.handle), "HEIF");
    // libheif applies irot and imir (ignore_transformations stays 0). The EXIF block may state the
    // same rotation again: applying it too would turn the photo twice, so it is not read.
    std::unique_ptr<heif_decoding_options, void (*)(heif_decoding_options*)> options(heif_decoding_options_alloc(),
                                                                                     heif_decoding_options_free);
    heif_image* image = nullptr;
    heif_check(heif_decode_image(h.handle, &image, heif_colorspace_RGB, heif_chroma_interleaved_RGB, options.get()));
    std::unique_ptr<heif_image, void (*)(const heif_image*)> owned(image, heif_image_release);
    int stride = 0;
    const std::uint8_t* plane = heif_image_get_plane_readonly(image, heif_channel_interleaved, &stride);
    Raster r;
    r.width = heif_image_get_width(image, heif_channel_interleaved);
    r.height = heif_image_get_height(image, heif_channel_interleaved);
    if (!plane || r.width <= 0 || r.height <= 0) {
        throw Error("the HEIF image decoded to nothing");
    }
    r.pixels.resize(static_cast<std::size_t>(r.width) * static_cast<std::size_t>(r.height) * 3);
    for (int y = 0; y < r.height; ++y) {
        std::memcpy(&r.pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(r.width) * 3],
                    plane + static_cast<std::ptrdiff_t>(y) * stride, static_cast<std::size_t>(r.width) * 3);
    }
    return r;
}

// --- WebP (libwebp)

std::uint32_t u32le(const std::string& s, std::size_t at)
{
    return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at]) | static_cast<unsigned char>(s[at + 1]) << 8
                                      | static_cast<unsigned char>(s[at + 2]) << 16 | static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 3])) << 24);
}

int webp_orientation(const std::string& data)
{
    WebPData in{reinterpret_cast<const std::uint8_t*>(data.data()), data.size()};
    std::unique_ptr<WebPDemuxer, void (*)(WebPDemuxer*)> demux(WebPDemux(&in), WebPDemuxDelete);
    if (!demux) {
        return 1;
    }
    WebPChunkIterator chunk;
    if (!WebPDemuxGetChunk(demux.get(), "EXIF", 1, &chunk)) {
        return 1;
    }
    std::string exif(reinterpret_cast<const char*>(chunk.chunk.bytes), chunk.chunk.size);
    WebPDemuxReleaseChunkIterator(&chunk);
    if (exif.compare(0, 6, std::string("Exif\0\0", 6)) != 0) {
        exif = std::string("Exif\0\0", 6) + exif; // libexif wants the APP1 header
    }
    int orientation = 1;
    if (ExifData* ed = exif_data_new_from_data(reinterpret_cast<const unsigned char*>(exif.data()),
                                               static_cast<unsigned>(exif.size()))) {
        orientation = exif_orientation(ed);
        exif_data_unref(ed);
    }
    return orientation;
}

WebPBitstreamFeatures webp_features(const std::string& data)
{
    // The RIFF header says how long the file is: a cut-short one is told without decoding it.
    if (data.size() < 12 || data.size() - 8 < u32le(data, 4)) {
        throw Error("the WebP image is truncated (it is shorter than its RIFF header says)");
    }
    WebPBitstreamFeatures f;
    VP8StatusCode status = WebPGetFeatures(reinterpret_cast<const std::uint8_t*>(data.data()), data.size(), &f);
    if (status != VP8_STATUS_OK) {
        throw Error("the WebP image cannot be read (libwebp status " + std::to_string(static_cast<int>(status)) + ")");
    }
    if (f.has_animation) {
        throw Error("the WebP image is animated; save its first frame as PNG or JPEG and list that");
    }
    check_size(f.width, f.height, "WebP");
    return f;
}

PhotoInfo webp_info(const std::string& path)
{
    std::string data = util::read_file(path);
    WebPBitstreamFeatures f = webp_features(data);
    int o = webp_orientation(data);
    return o >= 5 ? PhotoInfo{f.height, f.width, 1} : PhotoInfo{f.width, f.height, 1};
}

Raster webp_decode(const std::string& path)
{
    std::string data = util::read_file(path);
    webp_features(data);
    int w = 0, h = 0;
    std::uint8_t* rgba = WebPDecodeRGBA(reinterpret_cast<const std::uint8_t*>(data.data()), data.size(), &w, &h);
    if (!rgba) {
        throw Error("the WebP image is damaged: libwebp cannot decode it");
    }
    std::unique_ptr<std::uint8_t, void (*)(void*)> owned(rgba, WebPFree);
    Raster r;
    r.width = w;
    r.height = h;
    r.pixels.resize(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 3);
    flatten_rgba(rgba, static_cast<std::size_t>(w) * static_cast<std::size_t>(h), r.pixels.data());
    return oriented(std::move(r), webp_orientation(data));
}

// --- GIF (giflib): the first frame, on a white canvas of the logical screen's size. Records are
// read one at a time: the frames after the first are skipped undecoded (counted only), so an
// animation of any length costs the first frame's memory.

struct Gif
{
    GifFileType* gif = nullptr;
    ~Gif()
    {
        if (gif) {
            int ignored = 0;
            DGifCloseFile(gif, &ignored);
        }
    }
};

[[noreturn]] void gif_fail(const Gif& g, int code = 0)
{
    const char* why = GifErrorString(g.gif ? g.gif->Error : code);
    throw Error(std::string("the GIF image is damaged: ") + (why ? why : "unknown error"));
}

void skip_code(Gif& g)
{
    int size = 0;
    GifByteType* block = nullptr;
    if (DGifGetCode(g.gif, &size, &block) == GIF_ERROR) {
        gif_fail(g);
    }
    while (block) {
        if (DGifGetCodeNext(g.gif, &block) == GIF_ERROR) {
            gif_fail(g);
        }
    }
}

// Reads the GIF; with out, decodes the first frame into it.
PhotoInfo read_gif(const std::string& path, Raster* out)
{
    Gif g;
    int error = 0;
    g.gif = DGifOpenFileName(path.c_str(), &error);
    if (!g.gif) {
        gif_fail(g, error);
    }
    check_size(g.gif->SWidth, g.gif->SHeight, "GIF");
    PhotoInfo info{g.gif->SWidth, g.gif->SHeight, 0};
    int transparent = -1;
    GifRecordType type = UNDEFINED_RECORD_TYPE;
    do {
        if (DGifGetRecordType(g.gif, &type) == GIF_ERROR) {
            gif_fail(g);
        }
        if (type == EXTENSION_RECORD_TYPE) {
            int code = 0;
            GifByteType* ext = nullptr;
            if (DGifGetExtension(g.gif, &code, &ext) == GIF_ERROR) {
                gif_fail(g);
            }
            if (code == GRAPHICS_EXT_FUNC_CODE && ext && info.frames == 0) {
                GraphicsControlBlock gcb;
                if (DGifExtensionToGCB(ext[0], ext + 1, &gcb) == GIF_OK) {
                    transparent = gcb.TransparentColor;
                }
            }
            while (ext) {
                if (DGifGetExtensionNext(g.gif, &ext) == GIF_ERROR) {
                    gif_fail(g);
                }
            }
        } else if (type == IMAGE_DESC_RECORD_TYPE) {
            if (DGifGetImageDesc(g.gif) == GIF_ERROR) {
                gif_fail(g);
            }
            if (++info.frames > 1 || !out) {
                skip_code(g);
                continue;
            }
            const GifImageDesc& d = g.gif->Image;
            const ColorMapObject* map = d.ColorMap ? d.ColorMap : g.gif->SColorMap;
            if (!map || d.Width <= 0 || d.Height <= 0 || d.Left < 0 || d.Top < 0) {
                throw Error("the GIF image's first frame has no colours or no size");
            }
            check_size(d.Width, d.Height, "GIF");
            out->width = g.gif->SWidth;
            out->height = g.gif->SHeight;
            out->pixels.assign(static_cast<std::size_t>(out->width) * static_cast<std::size_t>(out->height) * 3, 255);
            std::vector<GifPixelType> line(static_cast<std::size_t>(d.Width));
            // Interlaced rows come in four passes.
            std::vector<int> rows;
            if (d.Interlace) {
                for (auto [start, step] : {std::pair{0, 8}, std::pair{4, 8}, std::pair{2, 4}, std::pair{1, 2}}) {
                    for (int y = start; y < d.Height; y += step) {
                        rows.push_back(y);
                    }
                }
            } else {
                for (int y = 0; y < d.Height; ++y) {
                    rows.push_back(y);
                }
            }
            for (int y : rows) {
                if (DGifGetLine(g.gif, line.data(), d.Width) == GIF_ERROR) {
                    gif_fail(g);
                }
                int cy = d.Top + y;
                for (int x = 0; x < d.Width; ++x) {
                    int cx = d.Left + x;
                    int index = line[static_cast<std::size_t>(x)];
                    if (cx >= out->width || cy >= out->height || index == transparent || index >= map->ColorCount) {
                        continue;
                    }
                    unsigned char* px = &out->pixels[(static_cast<std::size_t>(cy) * static_cast<std::size_t>(out->width) + static_cast<std::size_t>(cx)) * 3];
                    px[0] = map->Colors[index].Red;
                    px[1] = map->Colors[index].Green;
                    px[2] = map->Colors[index].Blue;
                }
            }
        }
    } while (type != TERMINATE_RECORD_TYPE);
    if (info.frames == 0) {
        throw Error("the GIF image has no frame");
    }
    return info;
}

// --- BMP: read here. Debian has no BMP library short of ImageMagick (54 MB, 40 packages); the
// format is a header and rows. Uncompressed 1, 4, 8, 16, 24 and 32-bit images (16 and 32-bit
// also with bit fields) and RLE8/RLE4 ones are read, as scanners, Paint and Windows write them.

struct BmpHeader
{
    std::int64_t width = 0, height = 0;
    bool top_down = false;
    int bits = 0;
    std::uint32_t compression = 0;
    std::uint32_t offset = 0;
    std::uint32_t masks[4] = {0, 0, 0, 0};
    std::vector<unsigned char> palette; // BGRx entries
};

std::uint32_t u16(const std::string& s, std::size_t at) { return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at]) | static_cast<unsigned char>(s[at + 1]) << 8); }
std::uint32_t u32(const std::string& s, std::size_t at) { return u32le(s, at); }

BmpHeader bmp_header(const std::string& data)
{
    if (data.size() < 26 || data.compare(0, 2, "BM") != 0) {
        throw Error("the BMP image is truncated (no complete header)");
    }
    BmpHeader h;
    h.offset = u32(data, 10);
    std::uint32_t info_size = u32(data, 14);
    if (info_size == 12) { // OS/2 BITMAPCOREHEADER
        h.width = u16(data, 18);
        h.height = u16(data, 20);
        h.bits = static_cast<int>(u16(data, 24));
    } else if (info_size >= 40 && data.size() >= 14 + 40) {
        h.width = static_cast<std::int32_t>(u32(data, 18));
        std::int32_t height = static_cast<std::int32_t>(u32(data, 22));
        h.top_down = height < 0;
        h.height = height < 0 ? -static_cast<std::int64_t>(height) : height;
        h.bits = static_cast<int>(u16(data, 28));
        h.compression = u32(data, 30);
        if (h.compression == 3 || h.compression == 6) {
            std::size_t at = info_size >= 52 ? 54 : 54; // masks follow a 40-byte header, or sit in V4/V5
            if (data.size() < at + 12) {
                throw Error("the BMP image is truncated (no colour masks)");
            }
            for (int i = 0; i < 3; ++i) {
                h.masks[i] = u32(data, at + 4 * static_cast<std::size_t>(i));
            }
        }
    } else {
        throw Error("the BMP image has an unknown header (" + std::to_string(info_size) + " bytes)");
    }
    check_size(h.width, h.height, "BMP");
    if ((h.compression == 1 && h.bits != 8) || (h.compression == 2 && h.bits != 4)) {
        throw Error("the BMP image's RLE compression does not match its " + std::to_string(h.bits) + " bits per pixel");
    }
    if (h.compression > 3 && h.compression != 6) {
        throw Error("the BMP image uses compression " + std::to_string(h.compression) + ", which evpack does not read; save it as PNG");
    }
    if (h.bits != 1 && h.bits != 4 && h.bits != 8 && h.bits != 16 && h.bits != 24 && h.bits != 32) {
        throw Error("the BMP image has " + std::to_string(h.bits) + " bits per pixel, which evpack does not read");
    }
    if (h.bits <= 8) {
        std::size_t entry = info_size == 12 ? 3 : 4;
        std::size_t at = 14 + info_size;
        std::size_t colours = std::size_t{1} << h.bits;
        if (info_size >= 40 && u32(data, 46) != 0) {
            colours = std::min<std::size_t>(colours, u32(data, 46));
        }
        for (std::size_t i = 0; i < colours && at + entry <= data.size() && at + entry <= h.offset; ++i, at += entry) {
            h.palette.insert(h.palette.end(), {static_cast<unsigned char>(data[at]), static_cast<unsigned char>(data[at + 1]),
                                               static_cast<unsigned char>(data[at + 2]), 0});
        }
        if (h.palette.empty()) {
            throw Error("the BMP image has no palette");
        }
    }
    std::uint64_t stride = ((static_cast<std::uint64_t>(h.width) * static_cast<std::uint64_t>(h.bits) + 31) / 32) * 4;
    bool rle = h.compression == 1 || h.compression == 2;
    if (h.offset > data.size() || (!rle && data.size() - h.offset < stride * static_cast<std::uint64_t>(h.height))) {
        throw Error("the BMP image is truncated: its rows end before the file says they do");
    }
    return h;
}

unsigned channel(std::uint32_t value, std::uint32_t mask)
{
    if (!mask) {
        return 0;
    }
    int shift = 0;
    while (!(mask & 1u)) {
        mask >>= 1;
        value >>= 1;
        ++shift;
    }
    return static_cast<unsigned>(((value & mask) * 255u) / mask);
}

// RLE8 / RLE4 to one palette index per pixel, rows top to bottom. Runs past a row's end or the
// image's are clipped; pixels a delta skips stay index 0, as Windows leaves them.
std::vector<unsigned char> bmp_rle(const std::string& data, const BmpHeader& h)
{
    const std::size_t w = static_cast<std::size_t>(h.width), rows = static_cast<std::size_t>(h.height);
    std::vector<unsigned char> out(w * rows, 0);
    std::size_t x = 0, y = 0; // y counts from the bottom row
    auto put = [&](unsigned index) {
        if (x < w && y < rows) {
            out[(rows - 1 - y) * w + x] = static_cast<unsigned char>(index);
        }
        ++x;
    };
    const bool four = h.compression == 2;
    std::size_t at = h.offset;
    auto byte = [&]() -> unsigned {
        if (at >= data.size()) {
            throw Error("the BMP image is truncated: its RLE data ends before the end-of-bitmap mark");
        }
        return static_cast<unsigned char>(data[at++]);
    };
    for (;;) {
        unsigned count = byte(), value = byte();
        if (count > 0) {
            for (unsigned i = 0; i < count; ++i) {
                put(four ? (i % 2 ? value & 0x0F : value >> 4) : value);
            }
        } else if (value == 0) {
            x = 0;
            ++y;
        } else if (value == 1) {
            break;
        } else if (value == 2) {
            x += byte();
            y += byte();
        } else {
            unsigned run = value, bytes = four ? (run + 1) / 2 : run;
            for (unsigned i = 0; i < bytes; ++i) {
                unsigned b = byte();
                if (four) {
                    put(b >> 4);
                    if (2 * i + 1 < run) {
                        put(b & 0x0F);
                    }
                } else {
                    put(b);
                }
            }
            if (bytes % 2) {
                byte(); // runs are padded to 16 bits
            }
        }
        if (y > rows) {
            break;
        }
    }
    return out;
}

Raster bmp_decode(const std::string& path)
{
    std::string data = util::read_file(path);
    BmpHeader h = bmp_header(data);
    std::vector<unsigned char> rle;
    if (h.compression == 1 || h.compression == 2) {
        rle = bmp_rle(data, h);
    }
    Raster r;
    r.width = static_cast<int>(h.width);
    r.height = static_cast<int>(h.height);
    r.pixels.resize(static_cast<std::size_t>(h.width) * static_cast<std::size_t>(h.height) * 3);
    std::size_t stride = ((static_cast<std::size_t>(h.width) * static_cast<std::size_t>(h.bits) + 31) / 32) * 4;
    std::uint32_t masks[3] = {h.masks[0], h.masks[1], h.masks[2]};
    if (h.compression == 0 && h.bits == 16) {
        masks[0] = 0x7C00; masks[1] = 0x03E0; masks[2] = 0x001F;
    } else if (h.compression == 0 && h.bits == 32) {
        masks[0] = 0xFF0000; masks[1] = 0xFF00; masks[2] = 0xFF;
    }
    std::size_t colours = h.palette.size() / 4;
    for (std::int64_t y = 0; y < h.height; ++y) {
        const unsigned char* row = rle.empty() ? reinterpret_cast<const unsigned char*>(data.data()) + h.offset
                + static_cast<std::size_t>(h.top_down ? y : h.height - 1 - y) * stride
                                               : nullptr;
        unsigned char* out = &r.pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(h.width) * 3];
        for (std::int64_t x = 0; x < h.width; ++x, out += 3) {
            std::size_t xs = static_cast<std::size_t>(x);
            if (!rle.empty()) {
                std::size_t index = rle[static_cast<std::size_t>(y) * static_cast<std::size_t>(h.width) + xs];
                index = index < colours ? index : 0;
                out[0] = h.palette[4 * index + 2];
                out[1] = h.palette[4 * index + 1];
                out[2] = h.palette[4 * index];
            } else if (h.bits <= 8) {
                unsigned per = 8 / static_cast<unsigned>(h.bits);
                unsigned byte = row[xs / per];
                unsigned shift = 8 - static_cast<unsigned>(h.bits) * (static_cast<unsigned>(xs % per) + 1);
                std::size_t index = (byte >> shift) & ((1u << h.bits) - 1);
                index = index < colours ? index : 0;
                out[0] = h.palette[4 * index + 2];
                out[1] = h.palette[4 * index + 1];
                out[2] = h.palette[4 * index];
            } else if (h.bits == 24) {
                out[0] = row[3 * xs + 2];
                out[1] = row[3 * xs + 1];
                out[2] = row[3 * xs];
            } else {
                std::uint32_t v = h.bits == 16 ? static_cast<std::uint32_t>(row[2 * xs] | row[2 * xs + 1] << 8)
                                               : static_cast<std::uint32_t>(row[4 * xs] | row[4 * xs + 1] << 8 | row[4 * xs + 2] << 16
                                                                            | static_cast<std::uint32_t>(row[4 * xs + 3]) << 24);
                for (int c = 0; c < 3; ++c) {
                    out[c] = static_cast<unsigned char>(channel(v, masks[c]));
                }
            }
        }
    }
    return r;
}

} // namespace

int exif_orientation(ExifData* data)
{
    int orientation = 1;
    if (ExifEntry* e = exif_data_get_entry(data, EXIF_TAG_ORIENTATION)) {
        if (e->format == EXIF_FORMAT_SHORT && e->components == 1) {
            orientation = exif_get_short(e->data, exif_data_get_byte_order(data));
        }
    }
    return (orientation >= 1 && orientation <= 8) ? orientation : 1;
}

Raster oriented(Raster in, int orientation)
{
    if (orientation <= 1 || orientation > 8) {
        return in;
    }
    bool swap = orientation >= 5;
    Raster out;
    out.components = in.components;
    out.width = swap ? in.height : in.width;
    out.height = swap ? in.width : in.height;
    out.pixels.resize(in.pixels.size());
    const std::size_t c = static_cast<std::size_t>(in.components);
    for (int y = 0; y < out.height; ++y) {
        for (int x = 0; x < out.width; ++x) {
            // Where the shown pixel (x, y) is stored, for each EXIF orientation.
            int sx = x, sy = y;
            int W = in.width - 1, H = in.height - 1;
            switch (orientation) {
            case 2: sx = W - x; break;
            case 3: sx = W - x; sy = H - y; break;
            case 4: sy = H - y; break;
            case 5: sx = y; sy = x; break;
            case 6: sx = y; sy = H - x; break;
            case 7: sx = W - y; sy = H - x; break;
            case 8: sx = W - y; sy = x; break;
            default: break;
            }
            std::memcpy(&out.pixels[(static_cast<std::size_t>(y) * static_cast<std::size_t>(out.width) + static_cast<std::size_t>(x)) * c],
                        &in.pixels[(static_cast<std::size_t>(sy) * static_cast<std::size_t>(in.width) + static_cast<std::size_t>(sx)) * c], c);
        }
    }
    return out;
}

PhotoInfo inspect_photo(const std::string& path, Format format)
{
    switch (format) {
    case Format::heif:
        return heif_info(path);
    case Format::webp:
        return webp_info(path);
    case Format::gif:
        return read_gif(path, nullptr);
    case Format::bmp: {
        BmpHeader h = bmp_header(util::read_file(path));
        return {static_cast<int>(h.width), static_cast<int>(h.height), 1};
    }
    }
    throw Error("not a photo");
}

Raster decode_photo(const std::string& path, Format format)
{
    switch (format) {
    case Format::heif:
        return heif_decode(path);
    case Format::webp:
        return webp_decode(path);
    case Format::gif: {
        Raster r;
        read_gif(path, &r);
        return r;
    }
    case Format::bmp:
        return bmp_decode(path);
    }
    throw Error("not a photo");
}

} // namespace evpack::photo
