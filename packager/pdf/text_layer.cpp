#include "pdf/text_layer.hpp"

#include "ocr/engine.hpp"
#include "pdf/flate.hpp"
#include "pdf/page_marks.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/unicode.hpp"

#include <algorithm>
#include <cstdio>
#include <zlib.h>

using namespace PoDoFo;

namespace evpack::pdf {

namespace {

constexpr const char* font_name = "EvpackText";

// A glyph's advance in text space (units of 1/1000), as the font's /W says: a Chinese character
// or full-width form is square, a space narrow, anything else (Latin letters, digits) half
// square, about what a Latin font averages. A line mixing both then puts each word near where
// the scan has it, not only the line's ends.
struct WidthRange
{
    char32_t first, last;
    int width;
};
constexpr WidthRange widths[] = {
    {0x20, 0x20, 250}, {0x2E80, 0x9FFF, 1000}, {0xAC00, 0xD7A3, 1000}, {0xF900, 0xFAFF, 1000}, {0xFF01, 0xFF60, 1000},
    {0xFFE0, 0xFFE6, 1000},
};
constexpr int default_width = 500;

int advance(char32_t c)
{
    for (const WidthRange& r : widths) {
        if (c >= r.first && c <= r.last) {
            return r.width;
        }
    }
    return default_width;
}
// Where the baseline sits in a line's box, from its bottom: the font's descent (200 of 1000).
constexpr double descent = 0.2;

void write_stream(PdfObject* obj, const std::string& data)
{
    obj->GetDictionary().AddKey("Filter", PdfName("FlateDecode"));
    // zlib's default level: at level 9 the hex text took 5% of a cached 16-page build, for 1% fewer bytes.
    std::string bytes = deflate(data.data(), data.size(), "a text layer", Z_DEFAULT_COMPRESSION);
    PdfStream* s = obj->GetStream();
    s->BeginAppend(TVecFilters(), true, false);
    s->Append(bytes.data(), bytes.size());
    s->EndAppend();
}

std::string glyphless_font()
{
    std::string path = ocr::glyphless_font_path();
    if (path.empty()) { // ocr::check_languages found it before the pages were read
        throw IoError(Position{ocr::tessdata_folder() + "/pdf.ttf"}, "Tesseract's glyphless font went missing");
    }
    return util::read_file(path);
}

// The ToUnicode map: every two-byte code is the UTF-16 unit of the same value. A bfrange may not
// carry past its last byte (PDF 1.7, 9.10.3): one range per high byte, at most 100 to a block.
std::string to_unicode()
{
    std::string out = "/CIDInit /ProcSet findresource begin\n"
                      "12 dict begin\n"
                      "begincmap\n"
                      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                      "/CMapName /Adobe-Identity-UCS def\n"
                      "/CMapType 2 def\n"
                      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    for (int first = 0; first < 256; first += 100) {
        int count = std::min(100, 256 - first);
        out += std::to_string(count) + " beginbfrange\n";
        for (int high = first; high < first + count; ++high) {
            char buf[40];
            std::snprintf(buf, sizeof buf, "<%02X00> <%02XFF> <%02X00>\n", high, high, high);
            out += buf;
        }
        out += "endbfrange\n";
    }
    return out + "endcmap\n"
                 "CMapName currentdict /CMap defineresource pop\n"
                 "end\n"
                 "end\n";
}

} // namespace

PdfReference make_text_layer_font(PdfDocument& doc)
{
    std::string ttf = glyphless_font();
    PdfObject* file = doc.GetObjects()->CreateObject();
    file->GetDictionary().AddKey("Length1", static_cast<pdf_int64>(ttf.size()));
    PdfReference file_ref = file->Reference();
    write_stream(file, ttf);

    // Every CID drawn with glyph 1 of pdf.ttf: a two-byte GID per CID, all 0x0001.
    std::string gids(2 * 65536, '\0');
    for (std::size_t k = 1; k < gids.size(); k += 2) {
        gids[k] = 1;
    }
    PdfObject* map = doc.GetObjects()->CreateObject();
    PdfReference map_ref = map->Reference();
    write_stream(map, gids);

    PdfObject* cmap = doc.GetObjects()->CreateObject();
    PdfReference cmap_ref = cmap->Reference();
    write_stream(cmap, to_unicode());

    PdfObject* descriptor = doc.GetObjects()->CreateObject("FontDescriptor");
    PdfDictionary& fd = descriptor->GetDictionary();
    fd.AddKey("FontName", PdfName(font_name));
    fd.AddKey("Flags", static_cast<pdf_int64>(4)); // symbolic
    PdfArray bbox;
    for (pdf_int64 v : {0, -200, 500, 800}) {
        bbox.push_back(v);
    }
    fd.AddKey("FontBBox", bbox);
    fd.AddKey("ItalicAngle", PdfVariant(static_cast<pdf_int64>(0))); // a plain 0 would pick AddKey(name, PdfObject*)
    fd.AddKey("Ascent", static_cast<pdf_int64>(800));
    fd.AddKey("Descent", static_cast<pdf_int64>(-200));
    fd.AddKey("CapHeight", static_cast<pdf_int64>(700));
    fd.AddKey("StemV", static_cast<pdf_int64>(80));
    fd.AddKey("FontFile2", file_ref);

    PdfObject* cid = doc.GetObjects()->CreateObject("Font");
    PdfDictionary& c = cid->GetDictionary();
    c.AddKey("Subtype", PdfName("CIDFontType2"));
    c.AddKey("BaseFont", PdfName(font_name));
    PdfDictionary info;
    info.AddKey("Registry", PdfString("Adobe"));
    info.AddKey("Ordering", PdfString("Identity"));
    info.AddKey("Supplement", PdfVariant(static_cast<pdf_int64>(0)));
    c.AddKey("CIDSystemInfo", info);
    c.AddKey("FontDescriptor", descriptor->Reference());
    c.AddKey("DW", static_cast<pdf_int64>(default_width));
    PdfArray w;
    for (const WidthRange& r : widths) {
        w.push_back(static_cast<pdf_int64>(r.first));
        w.push_back(static_cast<pdf_int64>(r.last));
        w.push_back(static_cast<pdf_int64>(r.width));
    }
    c.AddKey("W", w);
    c.AddKey("CIDToGIDMap", map_ref);

    PdfObject* font = doc.GetObjects()->CreateObject("Font");
    PdfDictionary& f = font->GetDictionary();
    f.AddKey("Subtype", PdfName("Type0"));
    f.AddKey("BaseFont", PdfName(font_name));
    f.AddKey("Encoding", PdfName("Identity-H"));
    PdfArray descendants;
    descendants.push_back(cid->Reference());
    f.AddKey("DescendantFonts", descendants);
    f.AddKey("ToUnicode", cmap_ref);
    return font->Reference();
}

std::string text_layer_ops(const ocr::PageText& text, const Rect& evidence, const std::string& name)
{
    std::string ops = "BT\n3 Tr\n/" + name + " 1 Tf\n";
    for (const ocr::TextRun& line : text.runs) {
        std::string hex;
        double units = 0; // the line's advance, 1/1000 of the font size
        for (char32_t c : util::to_u32(line.text)) {
            if (c > 0xFFFF || (c >= 0xD800 && c <= 0xDFFF)) {
                continue;
            }
            char buf[8];
            std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(c));
            hex += buf;
            units += advance(c);
        }
        double w = line.w * evidence.w, h = line.h * evidence.h;
        if (units == 0 || w <= 0 || h <= 0) {
            continue;
        }
        double x = evidence.x + line.x * evidence.w;
        double bottom = evidence.y + evidence.h - (line.y + line.h) * evidence.h;
        // Size 1 scaled by the matrix: the glyphs' advances add up to the line's width, and the
        // font's ascent and descent to its height.
        char buf[160];
        std::snprintf(buf, sizeof buf, "%.4f 0 0 %.4f %.3f %.3f Tm\n", w * 1000 / units, h, x,
                      bottom + descent * h);
        ops += buf;
        ops += "<" + hex + "> Tj\n";
    }
    return ops + "ET\n";
}

PdfReference make_text_layer(PdfDocument& doc, const PdfReference& font, const ocr::PageText& text, const Placement& p)
{
    PdfObject* form = doc.GetObjects()->CreateObject(sheet_form(p, font_name, font));
    PdfReference ref = form->Reference();
    write_stream(form, text_layer_ops(text, p.evidence, font_name));
    return ref;
}

} // namespace evpack::pdf
