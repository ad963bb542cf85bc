#include "pdf/image_xobject.hpp"

#include "util/error.hpp"
#include "util/file.hpp"

#include <algorithm>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <png.h>
#include <string>
#include <tiffio.h>
#include <vector>
#include <utility>
#include <zlib.h>

using namespace PoDoFo;

namespace evpack::pdf {

namespace {

PdfObject* new_image(PdfDocument& doc, int w, int h, const PdfObject& colour_space, int bits)
{
    PdfObject* obj = doc.GetObjects()->CreateObject("XObject");
    PdfDictionary& d = obj->GetDictionary();
    d.AddKey("Subtype", PdfName("Image"));
    d.AddKey("Width", static_cast<pdf_int64>(w));
    d.AddKey("Height", static_cast<pdf_int64>(h));
    d.AddKey("ColorSpace", colour_space);
    d.AddKey("BitsPerComponent", static_cast<pdf_int64>(bits));
    return obj;
}

void set_raw(PdfObject* obj, const char* data, std::size_t size)
{
    PdfStream* s = obj->GetStream();
    s->BeginAppend(TVecFilters(), true, false);
    s->Append(data, size);
    s->EndAppend();
}

PdfObject device(int components)
{
    return PdfName(components == 1 ? "DeviceGray" : components == 4 ? "DeviceCMYK" : "DeviceRGB");
}

// --- JPEG: the file itself is the stream.
ImageXObject jpeg(PdfDocument& doc, const std::string& path, const evidence::ImageInfo& info)
{
    std::string data = util::read_file(path);
    PdfObject* obj = new_image(doc, info.width, info.height, device(info.components), 8);
    obj->GetDictionary().AddKey("Filter", PdfName("DCTDecode"));
    if (info.adobe_cmyk) {
        PdfArray decode;
        for (int i = 0; i < 4; ++i) {
            decode.push_back(static_cast<pdf_int64>(1));
            decode.push_back(static_cast<pdf_int64>(0));
        }
        obj->GetDictionary().AddKey("Decode", decode);
    }
    set_raw(obj, data.data(), data.size());
    return {obj->Reference(), info.width, info.height};
}

// --- PNG

// PNG's IDAT stream is a zlib stream whose rows carry PNG filter bytes: exactly what PDF's
// FlateDecode with /Predictor 15 reads.
ImageXObject png_passthrough(PdfDocument& doc, const std::string& path, const evidence::ImageInfo& info)
{
    evidence::PngChunks chunks = evidence::png_chunks(util::read_file(path));
    const std::string& idat = chunks.idat;
    const std::string& palette = chunks.palette;
    int colours = info.png_color_type == 2 ? 3 : 1;
    PdfObject cs = device(colours);
    if (info.png_color_type == 3) {
        PdfArray indexed;
        indexed.push_back(PdfName("Indexed"));
        indexed.push_back(PdfName("DeviceRGB"));
        indexed.push_back(static_cast<pdf_int64>(palette.size() / 3 - 1));
        // The char* constructor keeps bytes as they are (the unsigned char* one reads UTF-8).
        indexed.push_back(PdfString(palette.data(), static_cast<pdf_long>(palette.size()), true));
        cs = PdfObject(indexed);
    }
    PdfObject* obj = new_image(doc, info.width, info.height, cs, info.bits);
    PdfDictionary parms;
    parms.AddKey("Predictor", static_cast<pdf_int64>(15));
    parms.AddKey("Colors", static_cast<pdf_int64>(colours));
    parms.AddKey("BitsPerComponent", static_cast<pdf_int64>(info.bits));
    parms.AddKey("Columns", static_cast<pdf_int64>(info.width));
    obj->GetDictionary().AddKey("Filter", PdfName("FlateDecode"));
    obj->GetDictionary().AddKey("DecodeParms", parms);
    set_raw(obj, idat.data(), idat.size());
    return {obj->Reference(), info.width, info.height};
}

struct PngRead
{
    png_structp png = nullptr;
    png_infop info = nullptr;
    ~PngRead() { png_destroy_read_struct(&png, info ? &info : nullptr, nullptr); }
};

void png_error_fn(png_structp png, png_const_charp msg)
{
    auto* where = static_cast<std::string*>(png_get_error_ptr(png));
    *where = msg;
    png_longjmp(png, 1);
}

void png_warning_fn(png_structp, png_const_charp) {}

// Raw data appended to an image object's stream, ended also when an error leaves early (the
// document is then abandoned, but PoDoFo frees its stream writers only at EndAppend).
class StreamAppend
{
public:
    explicit StreamAppend(PdfObject* obj) : m_stream(obj->GetStream()) { m_stream->BeginAppend(TVecFilters(), true, false); }
    ~StreamAppend()
    {
        if (m_stream) {
            try {
                m_stream->EndAppend();
            } catch (...) {
            }
        }
    }
    StreamAppend(const StreamAppend&) = delete;
    StreamAppend& operator=(const StreamAppend&) = delete;

    PdfStream* stream() const { return m_stream; }
    void end() { std::exchange(m_stream, nullptr)->EndAppend(); }

private:
    PdfStream* m_stream;
};

// zlib over data given piece by piece: into a PDF stream as it fills, or into memory. Only decoded
// pixels come here (scans: noisy, barely compressible): level 1 is several times faster than the
// default for a few percent more bytes.
class Deflater
{
public:
    explicit Deflater(PdfStream* out = nullptr) : m_out(out), m_buffer(1 << 18)
    {
        if (deflateInit(&m_z, Z_BEST_SPEED) != Z_OK) {
            throw Error("cannot compress image data");
        }
    }
    ~Deflater() { deflateEnd(&m_z); }
    Deflater(const Deflater&) = delete;
    Deflater& operator=(const Deflater&) = delete;

    void write(const unsigned char* data, std::size_t n) { run(data, n, Z_NO_FLUSH); }
    void finish() { run(nullptr, 0, Z_FINISH); }
    const std::string& memory() const { return m_memory; }

private:
    void run(const unsigned char* data, std::size_t n, int flush)
    {
        m_z.next_in = const_cast<Bytef*>(data);
        m_z.avail_in = static_cast<uInt>(n);
        int r = Z_OK;
        do {
            m_z.next_out = reinterpret_cast<Bytef*>(m_buffer.data());
            m_z.avail_out = static_cast<uInt>(m_buffer.size());
            r = ::deflate(&m_z, flush);
            if (r == Z_STREAM_ERROR) {
                throw Error("cannot compress image data");
            }
            std::size_t produced = m_buffer.size() - m_z.avail_out;
            if (m_out) {
                m_out->Append(m_buffer.data(), produced);
            } else {
                m_memory.append(m_buffer.data(), produced);
            }
        } while (m_z.avail_out == 0 || (flush == Z_FINISH && r != Z_STREAM_END));
    }

    z_stream m_z{};
    PdfStream* m_out;
    std::vector<char> m_buffer;
    std::string m_memory;
};

// Runs libpng calls; false if libpng met an error (it longjmps back here, past the frame of
// calls, which must hold nothing with a destructor).
template <typename Calls>
bool png_try(png_structp png, Calls&& calls)
{
    if (setjmp(png_jmpbuf(png))) {
        return false;
    }
    calls();
    return true;
}

// Decodes to 8-bit gray or RGB plus an alpha channel that becomes an /SMask. Row by row: the
// colour is compressed into the image's stream as it is decoded, the alpha (mostly uniform,
// so small once compressed) into memory, written as the mask's stream after. Only an
// interlaced PNG, whose rows are complete only after its last pass, is decoded whole.
ImageXObject png_decoded(PdfDocument& doc, const std::string& path)
{
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), std::fclose);
    if (!f) {
        throw IoError(Position{path}, std::string("cannot open: ") + std::strerror(errno));
    }
    std::string error;
    PngRead r;
    r.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &error, png_error_fn, png_warning_fn);
    r.info = png_create_info_struct(r.png);
    auto failed = [&] { return Error("the PNG image cannot be decoded: " + error); };
    bool interlaced = false;
    if (!png_try(r.png, [&] {
            png_init_io(r.png, f.get());
            png_read_info(r.png, r.info);
            png_set_strip_16(r.png);
            png_set_packing(r.png);
            png_set_palette_to_rgb(r.png);
            png_set_expand_gray_1_2_4_to_8(r.png);
            png_set_tRNS_to_alpha(r.png);
            interlaced = png_set_interlace_handling(r.png) > 1;
            png_read_update_info(r.png, r.info);
        })) {
        throw failed();
    }
    const png_uint_32 w = png_get_image_width(r.png, r.info);
    const png_uint_32 h = png_get_image_height(r.png, r.info);
    const std::size_t channels = png_get_channels(r.png, r.info);
    const std::size_t rowbytes = png_get_rowbytes(r.png, r.info);
    const bool has_alpha = channels == 2 || channels == 4;
    const std::size_t colour_channels = has_alpha ? channels - 1 : channels;
    std::vector<unsigned char> pixels(interlaced ? rowbytes * h : rowbytes);
    if (interlaced) {
        std::vector<png_bytep> rows(h);
        for (png_uint_32 y = 0; y < h; ++y) {
            rows[y] = pixels.data() + y * rowbytes;
        }
        if (!png_try(r.png, [&] { png_read_image(r.png, rows.data()); })) {
            throw failed();
        }
    }
    // The mask's dictionary first, for the image's to name it; its data once the image's is
    // written. (Its pointer stays valid until its own stream is written.)
    PdfObject* mask = nullptr;
    std::optional<Deflater> alpha;
    std::vector<unsigned char> colour_row, alpha_row;
    if (has_alpha) {
        mask = new_image(doc, static_cast<int>(w), static_cast<int>(h), device(1), 8);
        mask->GetDictionary().AddKey("Filter", PdfName("FlateDecode"));
        alpha.emplace();
        colour_row.resize(w * colour_channels);
        alpha_row.resize(w);
    }
    PdfObject* obj = new_image(doc, static_cast<int>(w), static_cast<int>(h), device(static_cast<int>(colour_channels)), 8);
    if (mask) {
        obj->GetDictionary().AddKey("SMask", mask->Reference());
    }
    obj->GetDictionary().AddKey("Filter", PdfName("FlateDecode"));
    PdfReference ref = obj->Reference();
    StreamAppend append(obj);
    Deflater colour(append.stream());
    for (png_uint_32 y = 0; y < h; ++y) {
        unsigned char* row = pixels.data() + (interlaced ? y * rowbytes : 0);
        if (!interlaced && !png_try(r.png, [&] { png_read_row(r.png, row, nullptr); })) {
            throw failed();
        }
        if (!has_alpha) {
            colour.write(row, rowbytes);
            continue;
        }
        for (png_uint_32 x = 0; x < w; ++x) {
            std::memcpy(&colour_row[x * colour_channels], row + x * channels, colour_channels);
            alpha_row[x] = row[x * channels + colour_channels];
        }
        colour.write(colour_row.data(), colour_row.size());
        alpha->write(alpha_row.data(), alpha_row.size());
    }
    colour.finish();
    append.end();
    if (mask) {
        alpha->finish();
        set_raw(mask, alpha->memory().data(), alpha->memory().size());
    }
    return {ref, static_cast<int>(w), static_cast<int>(h)};
}

// --- TIFF: every frame on its own.

// An in-memory TIFF that libtiff writes into: the only way to reach its G4 encoder.
struct MemoryTiff
{
    std::string data;
    toff_t pos = 0;

    static tsize_t read(thandle_t, tdata_t, tsize_t) { return 0; }
    static tsize_t write(thandle_t h, tdata_t buf, tsize_t size)
    {
        auto* m = static_cast<MemoryTiff*>(h);
        if (m->pos + static_cast<toff_t>(size) > m->data.size()) {
            m->data.resize(static_cast<std::size_t>(m->pos) + static_cast<std::size_t>(size));
        }
        std::memcpy(&m->data[static_cast<std::size_t>(m->pos)], buf, static_cast<std::size_t>(size));
        m->pos += static_cast<toff_t>(size);
        return size;
    }
    static toff_t seek(thandle_t h, toff_t off, int whence)
    {
        auto* m = static_cast<MemoryTiff*>(h);
        m->pos = whence == SEEK_SET ? off : whence == SEEK_CUR ? m->pos + off : m->data.size() + off;
        return m->pos;
    }
    static int close(thandle_t) { return 0; }
    static toff_t size(thandle_t h) { return static_cast<MemoryTiff*>(h)->data.size(); }
    static int map(thandle_t, tdata_t*, toff_t*) { return 0; }
    static void unmap(thandle_t, tdata_t, toff_t) {}
};

// Packed 1-bit rows (as the source stores them: same photometric) to one G4 strip.
std::string encode_g4(const std::string& rows, uint32_t w, uint32_t h, uint16_t photometric)
{
    MemoryTiff m;
    std::unique_ptr<TIFF, void (*)(TIFF*)> out(TIFFClientOpen("g4", "w", &m, MemoryTiff::read, MemoryTiff::write,
                                                              MemoryTiff::seek, MemoryTiff::close, MemoryTiff::size,
                                                              MemoryTiff::map, MemoryTiff::unmap),
                                               TIFFClose);
    if (!out) {
        throw Error("cannot encode a bilevel page: " + evidence::last_tiff_error());
    }
    TIFFSetField(out.get(), TIFFTAG_IMAGEWIDTH, w);
    TIFFSetField(out.get(), TIFFTAG_IMAGELENGTH, h);
    TIFFSetField(out.get(), TIFFTAG_BITSPERSAMPLE, 1);
    TIFFSetField(out.get(), TIFFTAG_SAMPLESPERPIXEL, 1);
    TIFFSetField(out.get(), TIFFTAG_PHOTOMETRIC, photometric);
    TIFFSetField(out.get(), TIFFTAG_FILLORDER, FILLORDER_MSB2LSB);
    TIFFSetField(out.get(), TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX4);
    TIFFSetField(out.get(), TIFFTAG_ROWSPERSTRIP, h);
    // The strip is written (and its offset recorded) by TIFFWriteEncodedStrip itself; writing
    // the directory would reset the fields we read.
    uint64_t* offsets = nullptr;
    uint64_t* counts = nullptr;
    if (TIFFWriteEncodedStrip(out.get(), 0, const_cast<char*>(rows.data()), static_cast<tmsize_t>(rows.size())) < 0
        || !TIFFGetField(out.get(), TIFFTAG_STRIPOFFSETS, &offsets) || !TIFFGetField(out.get(), TIFFTAG_STRIPBYTECOUNTS, &counts)
        || offsets[0] + counts[0] > m.data.size()) {
        throw Error("cannot encode a bilevel page: " + evidence::last_tiff_error());
    }
    return m.data.substr(static_cast<std::size_t>(offsets[0]), static_cast<std::size_t>(counts[0]));
}

// The frame's decoded strips in order, strip by strip: rows as stored, without expanding to RGBA.
void for_each_strip(TIFF* tif, uint32_t h, std::size_t row_bytes, int frame,
                    const std::function<void(const unsigned char*, std::size_t)>& sink)
{
    const std::size_t total = row_bytes * h;
    tmsize_t strip_size = TIFFStripSize(tif);
    if (strip_size <= 0) {
        throw Error("the TIFF image's page " + std::to_string(frame) + " cannot be decoded: " + evidence::last_tiff_error());
    }
    std::vector<unsigned char> strip(static_cast<std::size_t>(strip_size));
    std::size_t done = 0;
    for (tstrip_t s = 0; s < TIFFNumberOfStrips(tif) && done < total; ++s) {
        tmsize_t n = TIFFReadEncodedStrip(tif, s, strip.data(), static_cast<tmsize_t>(strip.size()));
        if (n < 0) {
            throw Error("the TIFF image's page " + std::to_string(frame) + " cannot be decoded: " + evidence::last_tiff_error());
        }
        std::size_t used = std::min(static_cast<std::size_t>(n), total - done);
        sink(strip.data(), used);
        done += used;
    }
    if (done != total) {
        throw Error("the TIFF image's page " + std::to_string(frame) + " is truncated");
    }
}

std::string read_strips(TIFF* tif, uint32_t h, std::size_t row_bytes, int frame)
{
    std::string raw;
    raw.reserve(row_bytes * h);
    for_each_strip(tif, h, row_bytes, frame, [&](const unsigned char* data, std::size_t n) {
        raw.append(reinterpret_cast<const char*>(data), n);
    });
    return raw;
}

void set_ccitt(PdfObject* obj, const std::string& g4, uint32_t w, uint32_t h, bool black_is_1)
{
    PdfDictionary parms;
    parms.AddKey("K", static_cast<pdf_int64>(-1));
    parms.AddKey("Columns", static_cast<pdf_int64>(w));
    parms.AddKey("Rows", static_cast<pdf_int64>(h));
    // G4 codes "white" runs as 0 bits; a MinIsBlack source means those bits are black.
    parms.AddKey("BlackIs1", PdfVariant(black_is_1));
    obj->GetDictionary().AddKey("Filter", PdfName("CCITTFaxDecode"));
    obj->GetDictionary().AddKey("DecodeParms", parms);
    set_raw(obj, g4.data(), g4.size());
}

// Common scanner output, taken without RGBA expansion: bilevel (kept as G4, passed through
// when it already is one strip of G4) and 8-bit gray or RGB in top-left orientation.
bool tiff_direct(PdfDocument& doc, TIFF* tif, uint32_t w, uint32_t h, int frame, ImageXObject& out)
{
    uint16_t bps = 1, spp = 1, photometric = 0, orientation = ORIENTATION_TOPLEFT, planar = PLANARCONFIG_CONTIG;
    uint16_t compression = COMPRESSION_NONE, fill = FILLORDER_MSB2LSB;
    TIFFGetFieldDefaulted(tif, TIFFTAG_BITSPERSAMPLE, &bps);
    TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLESPERPIXEL, &spp);
    TIFFGetFieldDefaulted(tif, TIFFTAG_ORIENTATION, &orientation);
    TIFFGetFieldDefaulted(tif, TIFFTAG_PLANARCONFIG, &planar);
    TIFFGetFieldDefaulted(tif, TIFFTAG_COMPRESSION, &compression);
    TIFFGetFieldDefaulted(tif, TIFFTAG_FILLORDER, &fill);
    if (!TIFFGetField(tif, TIFFTAG_PHOTOMETRIC, &photometric) || orientation != ORIENTATION_TOPLEFT
        || planar != PLANARCONFIG_CONTIG || TIFFIsTiled(tif)) {
        return false;
    }
    bool bilevel = bps == 1 && spp == 1 && (photometric == PHOTOMETRIC_MINISWHITE || photometric == PHOTOMETRIC_MINISBLACK);
    bool gray = bps == 8 && spp == 1 && photometric == PHOTOMETRIC_MINISBLACK;
    bool rgb = bps == 8 && spp == 3 && photometric == PHOTOMETRIC_RGB;
    if (bilevel) {
        PdfObject* obj = new_image(doc, static_cast<int>(w), static_cast<int>(h), device(1), 1);
        bool black_is_1 = photometric == PHOTOMETRIC_MINISBLACK;
        uint64_t* counts = nullptr;
        if (compression == COMPRESSION_CCITTFAX4 && fill == FILLORDER_MSB2LSB && TIFFNumberOfStrips(tif) == 1
            && TIFFGetField(tif, TIFFTAG_STRIPBYTECOUNTS, &counts) && counts[0] > 0 && counts[0] < (1ULL << 30)) {
            std::string g4(static_cast<std::size_t>(counts[0]), '\0');
            tmsize_t n = TIFFReadRawStrip(tif, 0, g4.data(), static_cast<tmsize_t>(g4.size()));
            if (n < 0) {
                throw Error("the TIFF image's page " + std::to_string(frame) + " cannot be read: " + evidence::last_tiff_error());
            }
            g4.resize(static_cast<std::size_t>(n));
            set_ccitt(obj, g4, w, h, black_is_1);
        } else {
            set_ccitt(obj, encode_g4(read_strips(tif, h, (w + 7) / 8, frame), w, h, photometric), w, h, black_is_1);
        }
        out = {obj->Reference(), static_cast<int>(w), static_cast<int>(h)};
        return true;
    }
    if (gray || rgb) {
        // Compressed into the stream strip by strip: a large scan is never whole in memory.
        PdfObject* obj = new_image(doc, static_cast<int>(w), static_cast<int>(h), device(spp), 8);
        obj->GetDictionary().AddKey("Filter", PdfName("FlateDecode"));
        out = {obj->Reference(), static_cast<int>(w), static_cast<int>(h)};
        StreamAppend append(obj);
        Deflater z(append.stream());
        for_each_strip(tif, h, static_cast<std::size_t>(w) * spp, frame, [&](const unsigned char* data, std::size_t n) { z.write(data, n); });
        z.finish();
        append.end();
        return true;
    }
    return false;
}

// Everything else (palette, CMYK, 16-bit, flipped, tiled, JPEG-in-TIFF) through libtiff's RGBA
// reader, which knows every variant: a band of whole strips or tiles at a time, compressed as it
// comes, so that a large frame is never whole in memory as RGBA (a 20,000² palette TIFF of a few
// kilobytes would otherwise take 1.6 GB).
ImageXObject tiff_rgba(PdfDocument& doc, TIFF* tif, uint32_t w, uint32_t h, int frame)
{
    auto fail = [&](const char* why) {
        std::string detail = why && *why ? why : evidence::last_tiff_error();
        return Error("the TIFF image's page " + std::to_string(frame) + " cannot be decoded: " + detail);
    };
    char message[1024] = "";
    TIFFRGBAImage img;
    if (!TIFFRGBAImageOK(tif, message) || !TIFFRGBAImageBegin(&img, tif, 0, message)) {
        throw fail(message);
    }
    std::unique_ptr<TIFFRGBAImage, void (*)(TIFFRGBAImage*)> end(&img, TIFFRGBAImageEnd);
    img.req_orientation = ORIENTATION_TOPLEFT;
    uint16_t photometric = PHOTOMETRIC_RGB, orientation = ORIENTATION_TOPLEFT;
    TIFFGetField(tif, TIFFTAG_PHOTOMETRIC, &photometric);
    TIFFGetFieldDefaulted(tif, TIFFTAG_ORIENTATION, &orientation);
    // A palette is colour, though one sample per pixel.
    const bool gray = photometric == PHOTOMETRIC_MINISBLACK || photometric == PHOTOMETRIC_MINISWHITE;
    // Stored bottom up: libtiff flips each band, and the bands come from the end of the file.
    const bool bottom_up = orientation == ORIENTATION_BOTRIGHT || orientation == ORIENTATION_BOTLEFT
        || orientation == ORIENTATION_RIGHTBOT || orientation == ORIENTATION_LEFTBOT;
    uint32_t unit = 0;
    if (TIFFIsTiled(tif)) {
        TIFFGetField(tif, TIFFTAG_TILELENGTH, &unit);
    } else {
        TIFFGetFieldDefaulted(tif, TIFFTAG_ROWSPERSTRIP, &unit);
    }
    unit = std::max<uint32_t>(1, std::min(unit, h));
    // Whole strips or tiles (their rows are decoded together anyway), about 4 MiB of RGBA.
    const uint32_t units = std::max<uint32_t>(1, static_cast<uint32_t>((4u << 20) / (std::uint64_t{w} * 4 * unit)));
    const uint32_t band = static_cast<uint32_t>(std::min<std::uint64_t>(std::uint64_t{unit} * units, h));
    const uint32_t bands = (h + band - 1) / band;

    PdfObject* obj = new_image(doc, static_cast<int>(w), static_cast<int>(h), device(gray ? 1 : 3), 8);
    obj->GetDictionary().AddKey("Filter", PdfName("FlateDecode"));
    StreamAppend append(obj);
    Deflater z(append.stream());
    std::vector<uint32_t> raster(static_cast<std::size_t>(w) * band);
    std::string rows;
    for (uint32_t i = 0; i < bands; ++i) {
        uint32_t first = (bottom_up ? bands - 1 - i : i) * band;
        uint32_t n = std::min(band, h - first);
        img.row_offset = static_cast<int>(first);
        img.col_offset = 0;
        if (!TIFFRGBAImageGet(&img, raster.data(), w, n)) {
            throw fail(nullptr);
        }
        rows.clear();
        for (std::size_t k = 0, count = static_cast<std::size_t>(w) * n; k < count; ++k) {
            uint32_t px = raster[k];
            rows += static_cast<char>(TIFFGetR(px));
            if (!gray) {
                rows += static_cast<char>(TIFFGetG(px));
                rows += static_cast<char>(TIFFGetB(px));
            }
        }
        z.write(reinterpret_cast<const unsigned char*>(rows.data()), rows.size());
    }
    z.finish();
    append.end();
    return {obj->Reference(), static_cast<int>(w), static_cast<int>(h)};
}

// A phone or chat photo (photo/ decodes it, orientation applied), deflated.
ImageXObject photo_raster(PdfDocument& doc, const std::string& path, photo::Format format)
{
    photo::Raster r = photo::decode_photo(path, format);
    PdfObject* obj = new_image(doc, r.width, r.height, device(r.components), 8);
    obj->GetDictionary().AddKey("Filter", PdfName("FlateDecode"));
    StreamAppend append(obj);
    Deflater z(append.stream());
    z.write(r.pixels.data(), r.pixels.size());
    z.finish();
    append.end();
    return {obj->Reference(), r.width, r.height};
}

std::vector<ImageXObject> tiff(PdfDocument& doc, const std::string& path)
{
    evidence::capture_tiff_errors();
    std::unique_ptr<TIFF, void (*)(TIFF*)> tif(TIFFOpen(path.c_str(), "r"), TIFFClose);
    if (!tif) {
        throw Error("the TIFF image cannot be opened: " + evidence::last_tiff_error());
    }
    std::vector<ImageXObject> out;
    int frame = 0;
    do {
        ++frame;
        uint32_t w = 0, h = 0;
        TIFFGetField(tif.get(), TIFFTAG_IMAGEWIDTH, &w);
        TIFFGetField(tif.get(), TIFFTAG_IMAGELENGTH, &h);
        if (w == 0 || h == 0 || static_cast<std::uint64_t>(w) * h > 400000000ULL) {
            throw Error("the TIFF image's page " + std::to_string(frame) + " has an unusable size");
        }
        ImageXObject direct;
        if (tiff_direct(doc, tif.get(), w, h, frame, direct)) {
            out.push_back(direct);
            continue;
        }
        out.push_back(tiff_rgba(doc, tif.get(), w, h, frame));
    } while (TIFFReadDirectory(tif.get()));
    return out;
}

} // namespace

std::vector<ImageXObject> make_image_xobjects(PdfDocument& doc, const std::string& path, evidence::FileType type,
                                              const evidence::ImageInfo& info)
{
    switch (type) {
    case evidence::FileType::jpeg:
        return {jpeg(doc, path, info)};
    case evidence::FileType::png:
        if (!info.has_transparency && !info.interlaced) {
            return {png_passthrough(doc, path, info)};
        }
        return {png_decoded(doc, path)};
    case evidence::FileType::tiff:
        return tiff(doc, path);
    case evidence::FileType::heif:
    case evidence::FileType::webp:
    case evidence::FileType::gif:
    case evidence::FileType::bmp:
        return {photo_raster(doc, path, evidence::photo_format(type))};
    default:
        throw Error("not an image");
    }
}

} // namespace evpack::pdf
