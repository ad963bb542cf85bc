#include "manifest/encoding.hpp"

#include <gtest/gtest.h>

using namespace evpack;

namespace {

const std::string text = "form = \"shanxi-2025\"\ntitle = \"某某产业技术创新联盟考核材料\"\n";
// The same in GBK, as Notepad saves "ANSI" on Chinese Windows.
const std::string gbk = "form = \"shanxi-2025\"\ntitle = \"\xC4\xB3\xC4\xB3\xB2\xFA\xD2\xB5\xBC\xBC\xCA\xF5\xB4\xB4\xD0\xC2\xC1\xAA\xC3\xCB\xBF\xBC\xBA\xCB\xB2\xC4\xC1\xCF\"\n";

std::string utf16le(const std::string& ascii)
{
    std::string out;
    for (char c : ascii) {
        out += c;
        out += '\0';
    }
    return out;
}

} // namespace

TEST(ManifestEncoding, Utf8IsReadAsItIs)
{
    Diagnostics diags;
    EXPECT_EQ(manifest::decode(text, "m.toml", diags), text);
    EXPECT_TRUE(diags.items().empty());
    EXPECT_EQ(manifest::decode("\xEF\xBB\xBF" + text, "m.toml", diags), text);
    EXPECT_TRUE(diags.items().empty());
}

TEST(ManifestEncoding, GbkIsConvertedWithAWarningThatShowsTheText)
{
    Diagnostics diags;
    std::string from;
    EXPECT_EQ(manifest::decode(gbk, "m.toml", diags, &from), text);
    EXPECT_EQ(from, "GBK");
    ASSERT_EQ(diags.items().size(), 1u);
    EXPECT_EQ(diags.items()[0].severity, Severity::warning);
    EXPECT_EQ(diags.items()[0].code, "manifest-encoding");
    EXPECT_NE(diags.items()[0].message.find("it reads: title = \"某某产业技术创新联盟考核材料\""), std::string::npos);
    EXPECT_NE(diags.items()[0].message.find("Encoding: UTF-8"), std::string::npos);
}

TEST(ManifestEncoding, Utf16And32WithAByteOrderMarkAreConverted)
{
    Diagnostics diags;
    std::string from;
    EXPECT_EQ(manifest::decode("\xFF\xFE" + utf16le("id = \"1\"\r\n"), "m.toml", diags, &from), "id = \"1\"\r\n");
    EXPECT_EQ(from, "UTF-16");
    std::string be;
    for (char c : std::string("id = 1")) {
        be += '\0';
        be += c;
    }
    EXPECT_EQ(manifest::decode("\xFE\xFF" + be, "m.toml", diags), "id = 1");
    std::string utf32("\xFF\xFE\0\0", 4);
    for (char c : std::string("x = 1")) {
        utf32 += c;
        utf32 += std::string(3, '\0');
    }
    EXPECT_EQ(manifest::decode(utf32, "m.toml", diags, &from), "x = 1");
    EXPECT_EQ(from, "UTF-32");
    EXPECT_EQ(diags.count(Severity::warning), 3u);
    EXPECT_EQ(diags.count(Severity::error), 0u);
}

TEST(ManifestEncoding, WhatCannotBeToldSafelyIsAnErrorSayingWhatItLooksLike)
{
    struct Case
    {
        std::string bytes;
        std::string where;
        std::string says;
    };
    const Case cases[] = {
        {utf16le("form = \"x\"\n"), "m.toml:1:1", "looks like UTF-16LE without a byte-order mark"},
        // Big5 (traditional): decodes as GBK too, but not as GBK text (trail bytes below 0xA1).
        {"title = \"\xC1\x70\xB7\xF9\"\n", "m.toml:1:10", "may be GBK, Big5 or another legacy encoding"},
        // Latin-1 "café".
        {"a = 1\ntitle = \"caf\xE9\"\n", "m.toml:2:13", "a legacy encoding evpack does not know"},
        // UTF-8 with one stray byte: a damaged file, not GBK.
        {"title = \"会议\xFF纪要\"\n", "m.toml:1:12", "a legacy encoding evpack does not know"},
        // GBK, but too little of it to tell from Big5 ("某某联盟").
        {"title = \"\xC4\xB3\xC4\xB3\xC1\xAA\xC3\xCB\"\n", "m.toml:1:10", "may be GBK, Big5 or another legacy encoding"},
        // A four-byte GB18030 sequence: no GBK editor writes one.
        {"title = \"\x81\x30\x81\x30\"\n", "m.toml:1:10", "may be GBK, Big5 or another legacy encoding"},
        {"\xFF\xFE" + utf16le("x") + std::string("\x00\xD8", 2), "m.toml:1:1", "starts as UTF-16 (Notepad's \"Unicode\") but is damaged"},
    };
    for (const Case& c : cases) {
        Diagnostics diags;
        EXPECT_FALSE(manifest::decode(c.bytes, "m.toml", diags)) << c.says;
        ASSERT_EQ(diags.items().size(), 1u) << c.says;
        const Diagnostic& d = diags.items()[0];
        EXPECT_EQ(d.severity, Severity::error);
        EXPECT_EQ(d.code, "manifest-encoding");
        EXPECT_EQ(d.position.to_string(), c.where) << c.says;
        EXPECT_NE(d.message.find(c.says), std::string::npos) << d.message;
        EXPECT_NE(d.message.find("save it as UTF-8"), std::string::npos);
    }
}
