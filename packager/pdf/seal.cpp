#include "pdf/seal.hpp"

#include "evidence/file_type.hpp"
#include "evidence/jpeg_error.hpp"
#include "util/error.hpp"
#include "util/file.hpp"

#include <algorithm>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <memory>
#include <png.h>

namespace evpack::pdf {

namespace {

// A seal is a few centimetres across: 5,000 pixels square is far more than a 1,200 dpi scan.
constexpr long max_pixels = 25'000'000;

void check_size(const std::string& path, long w, long h)
{
    if (w <= 0 || h <= 0 || w > 20000 || h > 20000 || w * h > max_pixels) {
        throw Error(Position{path}, "the seal image is " + std::to_string(w) + "×" + std::to_string(h)
                                        + " pixels; a seal needs at most 5000×5000 (1,000 across is plenty)");
    }
}

// A seal stamped on white paper: each pixel is taken as the seal's ink laid over white, and
// split into that ink and how much of it there is (the whiter, the more transparent), as
// "colour to alpha" does. Paper and scanner noise (within 16 of white) become fully transparent.
void whiten(SealImage& seal)
{
    const std::size_t n = static_cast<std::size_t>(seal.width) * static_cast<std::size_t>(seal.height);
    seal.alpha.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        unsigned char* p = &seal.rgb[3 * i];
        int lightest_gap = 255 - std::min({p[0], p[1], p[2]});
        if (lightest_gap < 16) {
            p[0] = p[1] = p[2] = 255;
            continue;
        }
        const double a = lightest_gap / 255.0;
        for (int c = 0; c < 3; ++c) {
            double ink = (p[c] - (1.0 - a) * 255.0) / a;
            p[c] = static_cast<unsigned char>(std::clamp(ink + 0.5, 0.0, 255.0));
        }
        seal.alpha[i] = static_cast<unsigned char>(lightest_gap);
    }
    seal.whitened = true;
}

void read_png(SealImage& seal, const std::string& bytes)
{
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size())) {
        std::string why = image.message;
        png_image_free(&image);
        throw Error(Position{seal.path}, "the seal image cannot be read: " + why);
    }
    const bool has_alpha = (image.format & PNG_FORMAT_FLAG_ALPHA) != 0;
    check_size(seal.path, image.width, image.height);
    seal.width = static_cast<int>(image.width);
    seal.height = static_cast<int>(image.height);
    image.format = PNG_FORMAT_RGBA;
    std::vector<unsigned char> rgba(PNG_IMAGE_SIZE(image));
    if (!png_image_finish_read(&image, nullptr, rgba.data(), 0, nullptr)) {
        std::string why = image.message;
        png_image_free(&image);
        throw Error(Position{seal.path}, "the seal image cannot be decoded: " + why);
    }
    const std::size_t n = rgba.size() / 4;
    seal.rgb.resize(3 * n);
    seal.alpha.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        std::memcpy(&seal.rgb[3 * i], &rgba[4 * i], 3);
        seal.alpha[i] = rgba[4 * i + 3];
    }
    if (!has_alpha) {
        whiten(seal);
    }
}

// Decodes into seal.rgb. Everything with a destructor exists before setjmp: a longjmp from
// libjpeg lands here without skipping any.
void read_jpeg(SealImage& seal, const std::string& bytes)
{
    jpeg_decompress_struct cinfo{};
    evidence::JpegError err{};
    evidence::use_jpeg_error(cinfo, err);
    if (setjmp(err.jump)) {
        jpeg_destroy_decompress(&cinfo);
        throw Error(Position{seal.path}, std::string("the seal image cannot be decoded: ") + err.message);
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<unsigned long>(bytes.size()));
    jpeg_read_header(&cinfo, TRUE);
    if (cinfo.num_components != 1 && cinfo.num_components != 3) {
        jpeg_destroy_decompress(&cinfo);
        throw Error(Position{seal.path}, "the seal image is a CMYK JPEG; save it as RGB (or as a PNG with transparency)");
    }
    cinfo.out_color_space = JCS_RGB;
    jpeg_start_decompress(&cinfo);
    check_size(seal.path, static_cast<long>(cinfo.output_width), static_cast<long>(cinfo.output_height));
    seal.width = static_cast<int>(cinfo.output_width);
    seal.height = static_cast<int>(cinfo.output_height);
    const std::size_t stride = 3 * static_cast<std::size_t>(seal.width);
    seal.rgb.resize(stride * static_cast<std::size_t>(seal.height));
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW out = &seal.rgb[stride * cinfo.output_scanline];
        jpeg_read_scanlines(&cinfo, &out, 1);
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    whiten(seal);
}

} // namespace

SealImage load_seal(const std::string& path)
{
    SealImage seal;
    seal.path = path;
    std::string bytes = util::read_file(path);
    switch (evidence::detect_type(bytes.substr(0, 4096)).type) {
    case evidence::FileType::png:
        read_png(seal, bytes);
        break;
    case evidence::FileType::jpeg:
        read_jpeg(seal, bytes);
        break;
    default:
        throw Error(Position{path}, "the seal must be a PNG (with transparency) or a JPEG image");
    }
    return seal;
}

} // namespace evpack::pdf
