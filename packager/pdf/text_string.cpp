#include "pdf/text_string.hpp"

#include "util/unicode.hpp"

using namespace PoDoFo;

namespace evpack::pdf {

namespace {

std::string from_utf16be(const unsigned char* p, std::size_t n)
{
    std::string out;
    std::size_t i = 0;
    for (; i + 1 < n; i += 2) {
        char32_t u = static_cast<char32_t>(p[i] << 8 | p[i + 1]);
        if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
            char32_t low = static_cast<char32_t>(p[i + 2] << 8 | p[i + 3]);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                util::append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
                i += 2;
                continue;
            }
        }
        util::append_utf8(out, u); // a lone surrogate becomes U+FFFD
    }
    if (i < n) {
        util::append_utf8(out, 0xFFFD);
    }
    return out;
}

} // namespace

std::string string_bytes(const PdfString& s)
{
    if (!s.IsValid()) {
        return "";
    }
    if (s.IsUnicode()) {
        // PoDoFo strips the BOM of UTF-16 strings it reads; name trees compare stored bytes.
        return std::string("\xFE\xFF") + std::string(reinterpret_cast<const char*>(s.GetUnicode()), static_cast<std::size_t>(s.GetLength()));
    }
    return std::string(s.GetString(), static_cast<std::size_t>(s.GetLength()));
}

std::string text_string(const PdfString& s)
{
    if (!s.IsValid()) {
        return "";
    }
    auto n = static_cast<std::size_t>(s.GetLength());
    if (s.IsUnicode()) {
        return from_utf16be(reinterpret_cast<const unsigned char*>(s.GetUnicode()), n);
    }
    const auto* p = reinterpret_cast<const unsigned char*>(s.GetString());
    if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
        return from_utf16be(p + 2, n - 2);
    }
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
        std::string utf8(reinterpret_cast<const char*>(p + 3), n - 3);
        if (util::is_valid_utf8(utf8)) {
            return utf8;
        }
        std::string out;
        for (char32_t c : util::to_u32(utf8)) {
            util::append_utf8(out, c);
        }
        return out;
    }
    // PDFDocEncoding, through PoDoFo's table (its code values are byte-swapped on little-endian
    // machines, as PoDoFo keeps them big-endian).
    const auto* doc = static_cast<const PdfSimpleEncoding*>(PdfEncodingFactory::GlobalPdfDocEncodingInstance());
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        auto be = static_cast<unsigned short>(doc->GetCharCode(p[i]));
#ifdef PODOFO_IS_LITTLE_ENDIAN
        be = static_cast<unsigned short>((be << 8) | (be >> 8));
#endif
        util::append_utf8(out, be ? static_cast<char32_t>(be) : 0xFFFD);
    }
    return out;
}

std::string text_string(PdfVecObjects& objects, const PdfObject* o)
{
    for (int hops = 0; o && o->IsReference() && hops < 8; ++hops) {
        o = objects.GetObject(o->GetReference());
    }
    if (!o || (!o->IsString() && !o->IsHexString())) {
        return "";
    }
    return text_string(o->GetString());
}

} // namespace evpack::pdf
