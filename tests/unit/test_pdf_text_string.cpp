#include "pdf/text_string.hpp"

#include <gtest/gtest.h>

using namespace evpack::pdf;
using namespace PoDoFo;

TEST(TextString, Utf16WithAnyCodePoint)
{
    // "中" U+00A0 "A" and U+1F600 as a surrogate pair, with the byte-order mark.
    const char raw[] = "\xFE\xFF\x4E\x2D\x00\xA0\x00\x41\xD8\x3D\xDE\x00";
    PdfString s(raw, sizeof raw - 1);
    EXPECT_EQ(text_string(s), "中\u00A0A\U0001F600");
}

TEST(TextString, Utf8WithItsByteOrderMark)
{
    const char raw[] = "\xEF\xBB\xBF\xE8\xAF\x81\xE6\x98\x8E";
    PdfString s(raw, sizeof raw - 1);
    EXPECT_EQ(text_string(s), "证明");
}

TEST(TextString, PdfDocEncoding)
{
    // 0x93 is the fi ligature and 0x8D a left double quotation mark in PDFDocEncoding.
    const char raw[] = "caf\x8D\x93";
    PdfString s(raw, sizeof raw - 1);
    EXPECT_EQ(text_string(s), "caf\u201C\uFB01");
}

TEST(TextString, UnpairedSurrogateDoesNotCutTheRest)
{
    const char raw[] = "\xFE\xFF\xD8\x3D\x00\x41";
    PdfString s(raw, sizeof raw - 1);
    EXPECT_EQ(text_string(s), "\uFFFDA");
}

TEST(TextString, HexStringsAndReferencesAreFollowed)
{
    PdfVecObjects objects;
    objects.SetAutoDelete(true);
    PdfString hex(reinterpret_cast<const pdf_utf8*>("目录"));
    PdfObject* title = objects.CreateObject(PdfVariant(hex));
    PdfObject ref(title->Reference());
    EXPECT_EQ(text_string(objects, &ref), "目录");
    PdfObject number(static_cast<pdf_int64>(3));
    EXPECT_EQ(text_string(objects, &number), "");
}
