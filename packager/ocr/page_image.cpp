#include "ocr/page_image.hpp"

#include "util/error.hpp"

#include <algorithm>
#include <cmath>
#include <leptonica/allheaders.h>
#include <mutex>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

namespace evpack::ocr {

namespace {

std::mutex& poppler_lock()
{
    static std::mutex m;
    return m;
}

void quiet_poppler(const std::string&, void*) {}

// Leptonica and poppler print their complaints to stderr; evpack says what went wrong itself.
void quiet_libraries()
{
    static std::once_flag once;
    std::call_once(once, [] {
        setMsgSeverity(L_SEVERITY_NONE);
        poppler::set_debug_error_function(quiet_poppler, nullptr);
    });
}

struct PixFree
{
    void operator()(Pix* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<Pix, PixFree>;

// A decoded scan, gray, 8 bits, scaled down to max_side before it is widened to 8 bits (a 1-bit
// A0 scan at 600 dpi is 70 MB as read, 560 MB at 8 bits).
photo::Raster gray_of(Pix* pix)
{
    PixPtr flat;
    if (pixGetSpp(pix) == 4) {
        flat.reset(pixRemoveAlpha(pix)); // on white
        pix = flat.get();
    }
    int long_side = std::max(pixGetWidth(pix), pixGetHeight(pix));
    PixPtr small;
    if (long_side > max_side) {
        float f = static_cast<float>(max_side) / static_cast<float>(long_side);
        small.reset(pixGetDepth(pix) == 1 ? pixScaleToGray(pix, f) : pixScale(pix, f, f));
        if (!small) {
            throw Error("the image cannot be scaled down for OCR");
        }
        pix = small.get();
    }
    PixPtr gray(pixConvertTo8(pix, 0));
    if (!gray) {
        throw Error("the image cannot be converted to gray for OCR");
    }
    photo::Raster r;
    r.width = static_cast<int>(pixGetWidth(gray.get()));
    r.height = static_cast<int>(pixGetHeight(gray.get()));
    r.components = 1;
    r.pixels.resize(static_cast<std::size_t>(r.width) * static_cast<std::size_t>(r.height));
    l_uint32* data = pixGetData(gray.get());
    int wpl = pixGetWpl(gray.get());
    for (int y = 0; y < r.height; ++y) {
        l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
        unsigned char* out = &r.pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(r.width)];
        for (int x = 0; x < r.width; ++x) {
            out[x] = static_cast<unsigned char>(GET_DATA_BYTE(line, x));
        }
    }
    return r;
}

photo::Raster gray_of(photo::Raster in)
{
    if (in.components == 1) {
        return in;
    }
    photo::Raster out;
    out.width = in.width;
    out.height = in.height;
    out.components = 1;
    std::size_t n = static_cast<std::size_t>(in.width) * static_cast<std::size_t>(in.height);
    out.pixels.resize(n);
    for (std::size_t k = 0; k < n; ++k) {
        const unsigned char* p = &in.pixels[k * 3];
        out.pixels[k] = static_cast<unsigned char>((299 * p[0] + 587 * p[1] + 114 * p[2]) / 1000);
    }
    return out;
}

// Box-filtered down by a whole factor, so that the long side is at most max_side.
photo::Raster shrunk(photo::Raster in)
{
    int f = (std::max(in.width, in.height) + max_side - 1) / max_side;
    if (f <= 1) {
        return in;
    }
    photo::Raster out;
    out.components = 1;
    out.width = in.width / f;
    out.height = in.height / f;
    out.pixels.resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height));
    for (int y = 0; y < out.height; ++y) {
        for (int x = 0; x < out.width; ++x) {
            unsigned sum = 0;
            for (int dy = 0; dy < f; ++dy) {
                const unsigned char* row = &in.pixels[static_cast<std::size_t>(y * f + dy) * static_cast<std::size_t>(in.width)];
                for (int dx = 0; dx < f; ++dx) {
                    sum += row[x * f + dx];
                }
            }
            out.pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(out.width) + static_cast<std::size_t>(x)]
                = static_cast<unsigned char>(sum / static_cast<unsigned>(f * f));
        }
    }
    return out;
}

// An image has no physical size: it is read as if its long side spanned an A4 page's.
int dpi_as_placed(const photo::Raster& r)
{
    return std::clamp(static_cast<int>(std::max(r.width, r.height) / 11.0), 70, 600);
}

// The largest of 1, 2, 4, 8 that keeps the JPEG's long side at least max_side.
int jpeg_reduction(const std::string& path)
{
    l_int32 w = 0, h = 0;
    if (readHeaderJpeg(path.c_str(), &w, &h, nullptr, nullptr, nullptr) != 0) {
        return 1;
    }
    int r = 1;
    while (r < 8 && std::max(w, h) / (2 * r) >= max_side) {
        r *= 2;
    }
    return r;
}

} // namespace

Scan read_image(const std::string& path, evidence::FileType type, int frame, int orientation, std::int64_t pixels)
{
    quiet_libraries();
    if (pixels > max_pixels) {
        throw Error("at " + std::to_string(pixels / 1000000) + " megapixels it is too large to read for OCR (at most "
                    + std::to_string(max_pixels / 1000000) + ")");
    }
    photo::Raster raster;
    switch (type) {
    case evidence::FileType::jpeg:
    case evidence::FileType::png:
    case evidence::FileType::tiff: {
        PixPtr pix;
        if (type == evidence::FileType::jpeg) {
            // libjpeg decodes a large photo at 1/2, 1/4 or 1/8 directly, never whole.
            pix.reset(pixReadJpeg(path.c_str(), 0, jpeg_reduction(path), nullptr, 0));
        } else if (type == evidence::FileType::tiff) {
            pix.reset(pixReadTiff(path.c_str(), frame));
        } else {
            pix.reset(pixRead(path.c_str()));
        }
        if (!pix) {
            throw Error("the image cannot be decoded for OCR");
        }
        raster = photo::oriented(gray_of(pix.get()), type == evidence::FileType::jpeg ? orientation : 1);
        break;
    }
    case evidence::FileType::heif:
    case evidence::FileType::webp:
    case evidence::FileType::gif:
    case evidence::FileType::bmp: {
        photo::Format f = type == evidence::FileType::heif ? photo::Format::heif
                        : type == evidence::FileType::webp ? photo::Format::webp
                        : type == evidence::FileType::gif  ? photo::Format::gif
                                                           : photo::Format::bmp;
        raster = gray_of(photo::decode_photo(path, f));
        break;
    }
    default:
        throw Error(std::string("internal error: no OCR for a ") + evidence::type_label(type));
    }
    Scan scan;
    scan.dpi = dpi_as_placed(raster);
    int long_side = std::max(raster.width, raster.height);
    scan.raster = shrunk(std::move(raster));
    if (int now = std::max(scan.raster.width, scan.raster.height); now < long_side) {
        scan.dpi = std::max(70, scan.dpi * now / long_side);
    }
    return scan;
}

PdfPages::PdfPages(const std::string& path)
{
    quiet_libraries();
    std::lock_guard<std::mutex> hold(poppler_lock());
    m_doc.reset(poppler::document::load_from_file(path));
    if (!m_doc) {
        throw Error("poppler cannot open it for OCR");
    }
    if (m_doc->is_locked()) {
        m_doc.reset();
        throw Error("it needs a password to open; OCR cannot read it");
    }
}

PdfPages::~PdfPages()
{
    std::lock_guard<std::mutex> hold(poppler_lock());
    m_doc.reset();
}

int PdfPages::count() const
{
    std::lock_guard<std::mutex> hold(poppler_lock());
    return m_doc->pages();
}

bool PdfPages::has_text(int page) const
{
    std::lock_guard<std::mutex> hold(poppler_lock());
    std::unique_ptr<poppler::page> p(m_doc->create_page(page));
    if (!p) {
        return false;
    }
    poppler::byte_array text = p->text().to_utf8();
    return std::any_of(text.begin(), text.end(), [](char c) { return !std::isspace(static_cast<unsigned char>(c)); });
}

Scan PdfPages::render(int page) const
{
    std::lock_guard<std::mutex> hold(poppler_lock());
    std::unique_ptr<poppler::page> p(m_doc->create_page(page));
    if (!p) {
        throw Error("page " + std::to_string(page + 1) + " cannot be read for OCR");
    }
    poppler::rectf box = p->page_rect(poppler::crop_box);
    double long_pt = std::max(box.width(), box.height());
    double dpi = 300;
    if (long_pt > 0 && long_pt / 72.0 * dpi > max_side) {
        dpi = max_side * 72.0 / long_pt;
    }
    poppler::page_renderer renderer;
    renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    renderer.set_image_format(poppler::image::format_gray8);
    poppler::image img = renderer.render_page(p.get(), dpi, dpi);
    if (!img.is_valid() || img.width() <= 0 || img.height() <= 0) {
        throw Error("page " + std::to_string(page + 1) + " cannot be rendered for OCR");
    }
    Scan scan;
    scan.dpi = static_cast<int>(std::lround(dpi));
    scan.raster.width = img.width();
    scan.raster.height = img.height();
    scan.raster.components = 1;
    scan.raster.pixels.resize(static_cast<std::size_t>(img.width()) * static_cast<std::size_t>(img.height()));
    for (int y = 0; y < img.height(); ++y) {
        const char* row = img.const_data() + static_cast<std::ptrdiff_t>(y) * img.bytes_per_row();
        std::copy(row, row + img.width(), reinterpret_cast<char*>(&scan.raster.pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(img.width())]));
    }
    return scan;
}

} // namespace evpack::ocr
