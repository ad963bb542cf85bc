#include "crypto/sha256.hpp"
#include "evidence/file_type.hpp"
#include "evidence/image.hpp"
#include "evidence/inspect.hpp"
#include "helpers.hpp"
#include "util/file.hpp"

#include <gtest/gtest.h>

using namespace evpack;
using namespace evpack::evidence;

TEST(EvidenceType, DetectedFromContentNotName)
{
    EXPECT_EQ(detect_type("%PDF-1.7\n").type, FileType::pdf);
    EXPECT_EQ(detect_type("\xFF\xD8\xFF\xE0").type, FileType::jpeg);
    EXPECT_EQ(detect_type(std::string("II*\0", 4)).type, FileType::tiff);
    EXPECT_EQ(detect_type("GIF89a").name, "a GIF image");
    EXPECT_EQ(detect_type("").name, "an empty file");
    auto png = inspect_file(test::data_dir() + "/png-named.pdf", false);
    EXPECT_EQ(png.type.type, FileType::png);
    EXPECT_EQ(png.image.width, 800);
}

TEST(EvidenceImage, JpegHeaderAndExifOrientation)
{
    auto info = inspect_image(test::data_dir() + "/rotated-exif.jpg", FileType::jpeg);
    EXPECT_EQ(info.width, 800);
    EXPECT_EQ(info.height, 600);
    EXPECT_EQ(info.components, 3);
    EXPECT_EQ(info.orientation, 6);
    EXPECT_EQ(inspect_image(test::data_dir() + "/photo.jpg", FileType::jpeg).orientation, 1);
}

TEST(EvidenceImage, MultiPageTiffCountsFrames)
{
    auto info = inspect_image(test::data_dir() + "/scans-g4.tif", FileType::tiff);
    EXPECT_EQ(info.frames, 3);
    EXPECT_EQ(info.bits, 1);
}

TEST(EvidenceImage, PngColourTypesAndTransparency)
{
    EXPECT_TRUE(inspect_image(test::data_dir() + "/alpha.png", FileType::png).has_transparency);
    auto pal = inspect_image(test::data_dir() + "/palette.png", FileType::png);
    EXPECT_EQ(pal.png_color_type, 3);
    EXPECT_FALSE(inspect_image(test::data_dir() + "/scan-gray.png", FileType::png).has_transparency);
}

TEST(EvidenceInspect, HashMatchesTheFile)
{
    auto facts = inspect_file(test::data_dir() + "/minutes.pdf", true);
    EXPECT_EQ(facts.sha256.size(), 64u);
    EXPECT_EQ(facts.sha256, crypto::sha256_file(test::data_dir() + "/minutes.pdf"));
    EXPECT_EQ(facts.sha256, inspect_file(test::data_dir() + "/link-inside.pdf", true).sha256);
    EXPECT_NE(facts.sha256, inspect_file(test::data_dir() + "/contract.pdf", true).sha256);
}

// check alone reads only the head of each file: the size still comes out right, unhashed.
TEST(EvidenceInspect, WithoutHashingSizeAndTypeStillComeOut)
{
    const std::string path = test::data_dir() + "/contract.pdf";
    auto facts = inspect_file(path, false);
    EXPECT_TRUE(facts.read);
    EXPECT_TRUE(facts.sha256.empty());
    EXPECT_EQ(facts.type.type, FileType::pdf);
    EXPECT_EQ(facts.size, util::read_file(path).size());
    EXPECT_EQ(facts.size, inspect_file(path, true).size);
}
