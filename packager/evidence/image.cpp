#include "evidence/image.hpp"

#include "photo/decode.hpp"

#include "evidence/jpeg_error.hpp"
#include "util/error.hpp"

#include <cerrno>
#include <csetjmp>
#include <cstdarg>
#include <cstdio>
#include <cstdint>
#include <cstring>
#include <memory>

#include <jpeglib.h>
#include <libexif/exif-data.h>
#include <tiffio.h>
#include <zlib.h>

namespace evpack::evidence {

namespace {

struct FileCloser
{
    void operator()(std::FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

FilePtr open(const std::string& path)
{
    FilePtr f(std::fopen(path.c_str(), "rb"));
    if (!f) {
        throw IoError(Position{path}, std::string("cannot open: ") + std::strerror(errno));
    }
    return f;
}

// --- JPEG -------------------------------------------------------------------------------------


// Checks that the entropy-coded data ends with an EOI marker: a scan cut short by a failed
// upload or copy shows up here without decoding anything.
bool jpeg_has_eoi(std::FILE* f)
{
    if (std::fseek(f, 0, SEEK_END) != 0) {
        return false;
    }
    long size = std::ftell(f);
    long tail = size < 65536 ? size : 65536;
    std::vector<unsigned char> buf(static_cast<std::size_t>(tail));
    if (std::fseek(f, size - tail, SEEK_SET) != 0 || std::fread(buf.data(), 1, buf.size(), f) != buf.size()) {
        return false;
    }
    for (std::size_t i = buf.size(); i >= 2; --i) {
        if (buf[i - 2] == 0xFF && buf[i - 1] == 0xD9) {
            return true;
        }
    }
    return false;
}

ImageInfo inspect_jpeg(const std::string& path)
{
    FilePtr f = open(path);
    ImageInfo info;
    jpeg_decompress_struct cinfo{};
    JpegError err{};
    use_jpeg_error(cinfo, err);
    if (setjmp(err.jump)) {
        jpeg_destroy_decompress(&cinfo);
        throw Error(std::string("the JPEG image is damaged: ") + err.message);
    }
    jpeg_create_decompress(&cinfo);
    jpeg_stdio_src(&cinfo, f.get());
    jpeg_save_markers(&cinfo, JPEG_APP0 + 14, 64);
    jpeg_read_header(&cinfo, TRUE);
    info.width = static_cast<int>(cinfo.image_width);
    info.height = static_cast<int>(cinfo.image_height);
    info.components = cinfo.num_components;
    info.bits = cinfo.data_precision;
    info.adobe_cmyk = cinfo.saw_Adobe_marker && cinfo.num_components == 4;
    jpeg_destroy_decompress(&cinfo);
    if (info.bits != 8) {
        throw Error("the JPEG image has " + std::to_string(info.bits) + "-bit samples; only 8-bit JPEG can be embedded in a PDF");
    }
    if (info.components != 1 && info.components != 3 && info.components != 4) {
        throw Error("the JPEG image has " + std::to_string(info.components) + " colour components");
    }
    if (!jpeg_has_eoi(f.get())) {
        throw Error("the JPEG image is truncated (no end-of-image marker)");
    }
    info.orientation = exif_orientation(path);
    return info;
}

// --- PNG --------------------------------------------------------------------------------------

std::uint32_t be32(const unsigned char* p)
{
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | std::uint32_t(p[3]);
}

ImageInfo inspect_png(const std::string& path)
{
    FilePtr f = open(path);
    unsigned char sig[8];
    if (std::fread(sig, 1, 8, f.get()) != 8) {
        throw Error("the PNG image is truncated");
    }
    ImageInfo info;
    bool seen_ihdr = false, seen_idat = false, seen_plte = false;
    std::vector<unsigned char> buf(1 << 16);
    for (int chunks = 0;; ++chunks) {
        unsigned char hdr[8];
        if (std::fread(hdr, 1, 8, f.get()) != 8) {
            throw Error("the PNG image is truncated (no IEND chunk)");
        }
        std::uint32_t len = be32(hdr);
        std::string type;
        for (int k = 4; k < 8; ++k) {
            bool letter = (hdr[k] >= 'A' && hdr[k] <= 'Z') || (hdr[k] >= 'a' && hdr[k] <= 'z');
            type += letter ? static_cast<char>(hdr[k]) : '?';
        }
        if (len > 0x7fffffffu) {
            throw Error("the PNG image has a chunk with an impossible length");
        }
        uLong crc = crc32(0L, hdr + 4, 4);
        std::vector<unsigned char> ihdr;
        std::uint32_t left = len;
        while (left > 0) {
            std::size_t n = std::min<std::size_t>(left, buf.size());
            if (std::fread(buf.data(), 1, n, f.get()) != n) {
                throw Error("the PNG image is truncated inside a " + type + " chunk");
            }
            crc = crc32(crc, buf.data(), static_cast<uInt>(n));
            if (type == "IHDR" && ihdr.size() < 13) {
                ihdr.insert(ihdr.end(), buf.begin(), buf.begin() + static_cast<long>(std::min<std::size_t>(n, 13)));
            }
            left -= static_cast<std::uint32_t>(n);
        }
        unsigned char crcbuf[4];
        if (std::fread(crcbuf, 1, 4, f.get()) != 4) {
            throw Error("the PNG image is truncated inside a " + type + " chunk");
        }
        if (be32(crcbuf) != static_cast<std::uint32_t>(crc)) {
            throw Error("the PNG image is damaged (bad CRC in a " + type + " chunk)");
        }
        if (chunks == 0 && type != "IHDR") {
            throw Error("the PNG image does not start with an IHDR chunk");
        }
        if (type == "IHDR") {
            if (len != 13 || seen_ihdr) {
                throw Error("the PNG image has a malformed IHDR chunk");
            }
            seen_ihdr = true;
            info.width = static_cast<int>(be32(ihdr.data()));
            info.height = static_cast<int>(be32(ihdr.data() + 4));
            info.bits = ihdr[8];
            info.png_color_type = ihdr[9];
            info.interlaced = ihdr[12] == 1;
            switch (info.png_color_type) {
            case 0: info.components = 1; break;
            case 2: info.components = 3; break;
            case 3: info.components = 1; break;
            case 4: info.components = 2; info.has_transparency = true; break;
            case 6: info.components = 4; info.has_transparency = true; break;
            default: throw Error("the PNG image has an invalid colour type");
            }
            if (info.width <= 0 || info.height <= 0) {
                throw Error("the PNG image has no pixels");
            }
        } else if (type == "PLTE") {
            seen_plte = true;
        } else if (type == "tRNS") {
            info.has_transparency = true;
        } else if (type == "IDAT") {
            seen_idat = true;
        } else if (type == "IEND") {
            break;
        }
    }
    if (!seen_idat) {
        throw Error("the PNG image has no image data");
    }
    if (info.png_color_type == 3 && !seen_plte) {
        throw Error("the PNG image has a palette colour type but no palette");
    }
    return info;
}

// --- TIFF -------------------------------------------------------------------------------------

thread_local std::string tiff_last_error;

void tiff_error(const char* module, const char* fmt, va_list ap)
{
    char buf[512];
    std::vsnprintf(buf, sizeof buf, fmt, ap);
    tiff_last_error = (module ? std::string(module) + ": " : std::string()) + buf;
}

void tiff_warning(const char*, const char*, va_list) {}

} // namespace

void capture_tiff_errors()
{
    TIFFSetErrorHandler(tiff_error);
    TIFFSetWarningHandler(tiff_warning);
    tiff_last_error.clear();
}

const std::string& last_tiff_error() { return tiff_last_error; }

namespace {

struct TiffCloser
{
    void operator()(TIFF* t) const { TIFFClose(t); }
};

ImageInfo inspect_tiff(const std::string& path)
{
    capture_tiff_errors();
    std::unique_ptr<TIFF, TiffCloser> tif(TIFFOpen(path.c_str(), "r"));
    if (!tif) {
        throw Error("the TIFF image is damaged: " + tiff_last_error);
    }
    ImageInfo info;
    int frames = 0;
    do {
        uint32_t w = 0, h = 0;
        uint16_t spp = 1, bps = 1;
        if (!TIFFGetField(tif.get(), TIFFTAG_IMAGEWIDTH, &w) || !TIFFGetField(tif.get(), TIFFTAG_IMAGELENGTH, &h)
            || w == 0 || h == 0) {
            throw Error("the TIFF image has a page without a size (page " + std::to_string(frames + 1) + ")");
        }
        TIFFGetFieldDefaulted(tif.get(), TIFFTAG_SAMPLESPERPIXEL, &spp);
        TIFFGetFieldDefaulted(tif.get(), TIFFTAG_BITSPERSAMPLE, &bps);
        if (frames == 0) {
            info.width = static_cast<int>(w);
            info.height = static_cast<int>(h);
            info.components = spp;
            info.bits = bps;
        }
        char emsg[1024] = "";
        if (!TIFFRGBAImageOK(tif.get(), emsg)) {
            throw Error("the TIFF image cannot be read (page " + std::to_string(frames + 1) + "): " + emsg);
        }
        ++frames;
        if (frames > 100000) {
            throw Error("the TIFF image has too many pages");
        }
        tiff_last_error.clear();
    } while (TIFFReadDirectory(tif.get()));
    if (!tiff_last_error.empty()) {
        throw Error("the TIFF image is damaged: " + tiff_last_error);
    }
    info.frames = frames;
    return info;
}

} // namespace

PngChunks png_chunks(const std::string& file)
{
    PngChunks out;
    std::size_t at = 8;
    while (at + 12 <= file.size()) {
        std::uint32_t len = be32(reinterpret_cast<const unsigned char*>(file.data() + at));
        if (at + 12 + static_cast<std::size_t>(len) > file.size()) {
            break;
        }
        std::string type = file.substr(at + 4, 4);
        if (type == "IDAT") {
            out.idat.append(file, at + 8, len);
        } else if (type == "PLTE") {
            out.palette.assign(file, at + 8, len);
        } else if (type == "tRNS") {
            out.has_trns = true;
        } else if (type == "IEND") {
            break;
        }
        at += 12 + len;
    }
    return out;
}

int exif_orientation(const std::string& path)
{
    ExifData* data = exif_data_new_from_file(path.c_str());
    if (!data) {
        return 1;
    }
    int orientation = photo::exif_orientation(data);
    exif_data_unref(data);
    return orientation;
}

photo::Format photo_format(FileType type)
{
    switch (type) {
    case FileType::heif:
        return photo::Format::heif;
    case FileType::webp:
        return photo::Format::webp;
    case FileType::gif:
        return photo::Format::gif;
    default:
        return photo::Format::bmp;
    }
}

ImageInfo inspect_image(const std::string& path, FileType type)
{
    ImageInfo info;
    switch (type) {
    case FileType::jpeg:
        info = inspect_jpeg(path);
        break;
    case FileType::png:
        info = inspect_png(path);
        break;
    case FileType::tiff:
        info = inspect_tiff(path);
        break;
    case FileType::heif:
    case FileType::webp:
    case FileType::gif:
    case FileType::bmp: {
        photo::PhotoInfo p = photo::inspect_photo(path, photo_format(type));
        info.width = p.width;
        info.height = p.height;
        info.components = 3;
        info.gif_frames = p.frames;
        break;
    }
    default:
        throw Error("not an image");
    }
    // A header can claim any size; the largest real scans (A0 at 600 dpi) are ~20,000 pixels a side.
    constexpr std::int64_t max_side = 100000, max_pixels = 1000000000;
    if (info.width > max_side || info.height > max_side
        || static_cast<std::int64_t>(info.width) * info.height > max_pixels) {
        throw Error("the image claims " + std::to_string(info.width) + " × " + std::to_string(info.height)
                    + " pixels: more than evpack binds (100,000 a side, 1 gigapixel in all)");
    }
    return info;
}

} // namespace evpack::evidence
