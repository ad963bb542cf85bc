#include "evidence/inspect.hpp"
#include "evidence/office_type.hpp"

#include "helpers.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <string>
#include <unistd.h>

using namespace evpack;
using evidence::OfficeFormat;

namespace {

void put16(std::string& s, std::size_t at, unsigned v)
{
    s[at] = static_cast<char>(v & 0xff);
    s[at + 1] = static_cast<char>((v >> 8) & 0xff);
}
void put32(std::string& s, std::size_t at, unsigned v)
{
    put16(s, at, v & 0xffff);
    put16(s, at + 2, v >> 16);
}

// A stored ZIP of empty entries, names only: what the detector reads.
std::string zip(const std::vector<std::string>& names, const std::string& first_content = "")
{
    std::string out, cd;
    for (std::size_t i = 0; i < names.size(); ++i) {
        const std::string& content = i == 0 ? first_content : std::string();
        std::string local(30, '\0');
        local.replace(0, 4, "PK\x03\x04", 4);
        put32(local, 18, static_cast<unsigned>(content.size()));
        put32(local, 22, static_cast<unsigned>(content.size()));
        put16(local, 26, static_cast<unsigned>(names[i].size()));
        std::string central(46, '\0');
        central.replace(0, 4, "PK\x01\x02", 4);
        put16(central, 28, static_cast<unsigned>(names[i].size()));
        put32(central, 42, static_cast<unsigned>(out.size()));
        out += local + names[i] + content;
        cd += central + names[i];
    }
    std::string end(22, '\0');
    end.replace(0, 4, "PK\x05\x06", 4);
    put16(end, 10, static_cast<unsigned>(names.size()));
    put32(end, 12, static_cast<unsigned>(cd.size()));
    put32(end, 16, static_cast<unsigned>(out.size()));
    return out + cd + end;
}

// An OLE2 file whose directory holds one stream of the given name.
std::string ole(const std::string& stream)
{
    std::string out(1024, '\0');
    out.replace(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    std::size_t entry = 512 + 128; // the second entry of the first directory sector
    for (std::size_t i = 0; i < stream.size(); ++i) {
        out[entry + 2 * i] = stream[i];
    }
    put16(out, entry + 64, static_cast<unsigned>(2 * stream.size() + 2));
    out[entry + 66] = 2;
    return out;
}

struct OfficeType : test::ScratchDir
{
    evidence::FileFacts facts(const std::string& name, const std::string& bytes)
    {
        std::ofstream(dir + "/" + name, std::ios::binary) << bytes;
        return evidence::inspect_file(dir + "/" + name, false);
    }
};

} // namespace

TEST_F(OfficeType, OoxmlIsToldByItsPartsNotItsName)
{
    auto docx = facts("named.xlsx", zip({"[Content_Types].xml", "_rels/.rels", "word/document.xml"}));
    ASSERT_TRUE(docx.office);
    EXPECT_EQ(docx.office->format, OfficeFormat::docx);
    EXPECT_EQ(docx.type.type, evidence::FileType::office);
    EXPECT_EQ(docx.error_code, "");
    auto xlsx = facts("a.bin", zip({"[Content_Types].xml", "xl/workbook.xml"}));
    ASSERT_TRUE(xlsx.office);
    EXPECT_EQ(xlsx.office->format, OfficeFormat::xlsx);
    auto pptx = facts("a.docx", zip({"[Content_Types].xml", "ppt/presentation.xml"}));
    ASSERT_TRUE(pptx.office);
    EXPECT_EQ(pptx.office->format, OfficeFormat::pptx);
    // Any other ZIP is not a document.
    auto other = facts("a.docx", zip({"readme.txt"}));
    EXPECT_FALSE(other.office);
    EXPECT_EQ(other.error_code, "file-type");
}

TEST_F(OfficeType, OpenDocumentIsToldByItsMimetype)
{
    auto odt = facts("a.doc", zip({"mimetype", "content.xml"}, "application/vnd.oasis.opendocument.text"));
    ASSERT_TRUE(odt.office);
    EXPECT_EQ(odt.office->format, OfficeFormat::odt);
    auto ods = facts("a.ods", zip({"mimetype"}, "application/vnd.oasis.opendocument.spreadsheet"));
    ASSERT_TRUE(ods.office);
    EXPECT_EQ(ods.office->format, OfficeFormat::ods);
    auto odp = facts("a.odp", zip({"mimetype"}, "application/vnd.oasis.opendocument.presentation"));
    ASSERT_TRUE(odp.office);
    EXPECT_EQ(odp.office->format, OfficeFormat::odp);
    // A template is not a document to render.
    EXPECT_FALSE(facts("a.ott", zip({"mimetype"}, "application/vnd.oasis.opendocument.text-template")).office);
}

TEST_F(OfficeType, Ole2IsToldByItsStreams)
{
    auto doc = facts("a.wps", ole("WordDocument"));
    ASSERT_TRUE(doc.office);
    EXPECT_EQ(doc.office->format, OfficeFormat::doc);
    auto xls = facts("a.et", ole("Workbook"));
    ASSERT_TRUE(xls.office);
    EXPECT_EQ(xls.office->format, OfficeFormat::xls);
    auto ppt = facts("a.dps", ole("PowerPoint Document"));
    ASSERT_TRUE(ppt.office);
    EXPECT_EQ(ppt.office->format, OfficeFormat::ppt);
    EXPECT_FALSE(facts("a.msg", ole("__substg1.0_0037001F")).office);
}

TEST_F(OfficeType, PasswordProtectedAndTruncatedFilesAreSaidSoBeforeConversion)
{
    auto encrypted = facts("a.docx", ole("EncryptedPackage"));
    ASSERT_TRUE(encrypted.office);
    EXPECT_EQ(encrypted.error_code, "office-unreadable");
    EXPECT_NE(encrypted.error_message.find("password"), std::string::npos);
    std::string whole = zip({"word/document.xml", "[Content_Types].xml"});
    auto cut = facts("a.docx", whole.substr(0, whole.size() - 30));
    ASSERT_TRUE(cut.office);
    EXPECT_EQ(cut.error_code, "office-unreadable");
    EXPECT_NE(cut.error_message.find("damaged"), std::string::npos);
}

TEST_F(OfficeType, RtfAndNames)
{
    auto rtf = facts("a.txt", "{\\rtf1\\ansi hello}");
    ASSERT_TRUE(rtf.office);
    EXPECT_EQ(rtf.office->format, OfficeFormat::rtf);
    EXPECT_TRUE(evidence::is_office_name("会议纪要.DOCX"));
    EXPECT_TRUE(evidence::is_office_name("a.et"));
    EXPECT_FALSE(evidence::is_office_name("a.pdf"));
    EXPECT_FALSE(evidence::is_office_name("docx"));
    EXPECT_STREQ(evidence::office_import_filter(OfficeFormat::docx), "MS Word 2007 XML");
}
