#include "ocr/page_text.hpp"
#include "pdf/text_layer.hpp"

#include <gtest/gtest.h>

using namespace evpack;

TEST(OcrPageText, ChineseHasNoSpacesBetweenCharacters)
{
    // Tesseract's chi_sim output puts a space between Chinese characters; a reader searching
    // "产学研联盟" must find it.
    EXPECT_EQ(ocr::searchable_line("产 学 研 联 盟 年 度 报 告\n"), "产学研联盟年度报告");
    EXPECT_EQ(ocr::searchable_line("第 3 章 ， 说 明"), "第 3 章，说明");
}

TEST(OcrPageText, LatinWordsKeepOneSpace)
{
    EXPECT_EQ(ocr::searchable_line("  An   Introduction to R \n"), "An Introduction to R");
    EXPECT_EQ(ocr::searchable_line("使用 Debian 系统"), "使用 Debian 系统");
    EXPECT_EQ(ocr::searchable_line(" \n"), "");
}

TEST(OcrPageText, ChineseWordsJoinIntoOneRunLatinWordsDoNot)
{
    EXPECT_TRUE(ocr::joins("产学研", "联盟"));
    EXPECT_TRUE(ocr::joins("联盟", "，"));
    EXPECT_FALSE(ocr::joins("使用", "Debian"));
    EXPECT_FALSE(ocr::joins("Debian", "系统"));
    EXPECT_FALSE(ocr::joins("An", "Introduction"));
    EXPECT_FALSE(ocr::joins("", "联盟"));
}

TEST(OcrPageText, CacheRecordsRoundTrip)
{
    ocr::CachedPage page;
    page.text.runs.push_back({0.1, 0.2, 0.5, 0.03, "第一章 教程"});
    page.text.runs.push_back({0.125, 0.25, 0.75, 0.0125, "An Introduction to R"});
    std::optional<ocr::CachedPage> back = ocr::parse(ocr::serialize(page));
    ASSERT_TRUE(back);
    EXPECT_FALSE(back->has_text);
    ASSERT_EQ(back->text.runs.size(), 2u);
    EXPECT_EQ(back->text.runs[0].text, "第一章 教程");
    EXPECT_DOUBLE_EQ(back->text.runs[1].x, 0.125);
    EXPECT_DOUBLE_EQ(back->text.runs[1].h, 0.0125);

    ocr::CachedPage text_page;
    text_page.has_text = true;
    back = ocr::parse(ocr::serialize(text_page));
    ASSERT_TRUE(back);
    EXPECT_TRUE(back->has_text);
}

TEST(OcrPageText, DamagedCacheRecordsAreMisses)
{
    ocr::CachedPage page;
    page.text.runs.push_back({0.1, 0.2, 0.5, 0.03, "第一章"});
    std::string good = ocr::serialize(page);
    EXPECT_FALSE(ocr::parse(""));
    EXPECT_FALSE(ocr::parse("evpack-ocr 1\nhas-text\n"));
    EXPECT_FALSE(ocr::parse(good.substr(0, good.size() - 8))); // cut short
    EXPECT_FALSE(ocr::parse("evpack-ocr 2\nruns 2\n0.1 0.2 0.5 0.03 a\n"));
    EXPECT_FALSE(ocr::parse("evpack-ocr 2\nruns 1\n0.1 0.2 0.5 0.03 \xff\xfe\n"));
}

TEST(PdfTextLayer, RunsAreInvisibleAndSpanTheirBoxes)
{
    ocr::PageText text;
    text.runs.push_back({0.1, 0.0, 0.5, 0.1, "联盟 AB"});
    std::string ops = pdf::text_layer_ops(text, pdf::Rect{100, 200, 400, 500}, "T");
    EXPECT_EQ(ops.rfind("BT\n3 Tr\n/T 1 Tf\n", 0), 0u) << ops;
    // Width 0.5 * 400 = 200 points over advances of 1000 + 1000 + 250 + 500 + 500 (/1000): a
    // horizontal scale of 200 / 3.25; height 0.1 * 500 = 50; the box's top is the evidence's top
    // (700), the baseline 0.2 of the height above its bottom (650 + 10).
    EXPECT_NE(ops.find("61.5385 0 0 50.0000 140.000 660.000 Tm\n<805476DF002000410042> Tj\n"), std::string::npos) << ops;
    EXPECT_EQ(ops.substr(ops.size() - 3), "ET\n");
}

TEST(PdfTextLayer, CharactersOutsideTheBmpAreLeftOut)
{
    ocr::PageText text;
    text.runs.push_back({0, 0, 1, 1, "\xF0\xA0\x80\x80"}); // U+20000 only: nothing to draw
    text.runs.push_back({0, 0, 1, 1, "A\xF0\xA0\x80\x80"});
    std::string ops = pdf::text_layer_ops(text, pdf::Rect{0, 0, 100, 100}, "T");
    EXPECT_EQ(ops.find("<>"), std::string::npos);
    EXPECT_NE(ops.find("<0041> Tj"), std::string::npos) << ops;
}
