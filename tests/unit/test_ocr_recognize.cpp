#include "ocr/recognize.hpp"

#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/temp_dir.hpp"

#include <filesystem>
#include <gtest/gtest.h>

using namespace evpack;

// What cannot be read is a warning naming the file (and page), that page gets no layer, nothing
// is cached for it, and no Tesseract is started for it.
TEST(OcrRecognize, UnreadablePagesAreWarningsNamingTheFile)
{
    util::TempDir dir{"ocr"};
    std::string junk = dir.path() + "/junk.bin";
    util::write_file_atomic(junk, std::string(4096, 'x'));
    std::vector<ocr::Source> sources{
        {junk, "files/scan.pdf", evidence::FileType::pdf, 2, 1, 0, ""},
        {junk, "files/photo.png", evidence::FileType::png, 1, 1, 1000, ""},
        {junk, "files/poster.tif", evidence::FileType::tiff, 1, 1, 30000LL * 20000, ""},
    };
    ocr::Options options;
    options.cache_folder = dir.path() + "/cache";
    ocr::Result r = ocr::recognize(sources, options);
    ASSERT_EQ(r.pages.size(), 3u);
    ASSERT_EQ(r.pages[0].size(), 2u);
    EXPECT_FALSE(r.pages[0][0]);
    EXPECT_FALSE(r.pages[0][1]);
    EXPECT_FALSE(r.pages[1][0]);
    EXPECT_EQ(r.read + r.cached + r.had_text, 0);
    ASSERT_EQ(r.warnings.size(), 3u); // the PDF's once, not once per page
    EXPECT_EQ(r.warnings[0], "files/photo.png: page 1: the image cannot be decoded for OCR; it has no text layer");
    EXPECT_EQ(r.warnings[1], "files/poster.tif: page 1: at 600 megapixels it is too large to read for OCR (at most 100); "
                             "it has no text layer");
    EXPECT_EQ(r.warnings[2], "files/scan.pdf: poppler cannot open it for OCR; its pages have no text layer");
    EXPECT_FALSE(std::filesystem::exists(options.cache_folder) && !std::filesystem::is_empty(options.cache_folder));
}

TEST(OcrRecognize, MissingLanguageDataIsAUsageErrorSayingWhatToInstall)
{
    util::TempDir dir{"ocr"};
    ::setenv("TESSDATA_PREFIX", dir.path().c_str(), 1);
    try {
        ocr::recognize({}, ocr::Options{});
        ::unsetenv("TESSDATA_PREFIX");
        FAIL() << "no error";
    } catch (const UsageError& e) {
        ::unsetenv("TESSDATA_PREFIX");
        EXPECT_NE(e.message().find("apt-get install tesseract-ocr-chi-sim tesseract-ocr-eng"), std::string::npos)
            << e.message();
    }
}
