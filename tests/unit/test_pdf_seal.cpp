#include "pdf/seal.hpp"
#include "pdf/seal_xobject.hpp"

#include "util/error.hpp"

#include <gtest/gtest.h>

using namespace evpack;

namespace {

std::string seal_dir() { return std::string(EVPACK_TEST_DATA) + "/seal/"; }

struct Pixel
{
    int r, g, b, a;
};

Pixel at(const pdf::SealImage& s, int x, int y)
{
    std::size_t i = static_cast<std::size_t>(y) * static_cast<std::size_t>(s.width) + static_cast<std::size_t>(x);
    return {s.rgb[3 * i], s.rgb[3 * i + 1], s.rgb[3 * i + 2], s.alpha[i]};
}

} // namespace

TEST(PdfSeal, PngKeepsItsTransparency)
{
    pdf::SealImage s = pdf::load_seal(seal_dir() + "seal.png");
    ASSERT_EQ(s.width, 480);
    ASSERT_EQ(s.height, 480);
    EXPECT_FALSE(s.whitened);
    EXPECT_EQ(at(s, 2, 2).a, 0);            // outside the ring
    Pixel star = at(s, 240, 230);            // the star's body
    EXPECT_EQ(star.a, 255);
    EXPECT_EQ(star.r, 220);
    EXPECT_EQ(star.g, 20);
}

TEST(PdfSeal, JpegOnWhiteGetsItsWhiteMadeTransparentAndItsInkKept)
{
    pdf::SealImage s = pdf::load_seal(seal_dir() + "seal-on-white.jpg");
    ASSERT_EQ(s.width, 480);
    EXPECT_TRUE(s.whitened);
    EXPECT_EQ(at(s, 2, 2).a, 0);
    EXPECT_EQ(at(s, 240, 400).a, 0) << "the white inside the ring is transparent too";
    Pixel star = at(s, 240, 230);
    EXPECT_GT(star.a, 200);
    EXPECT_GT(star.r, 180);
    EXPECT_LT(star.g, 60);
}

TEST(PdfSeal, NotAnImageIsRefusedNamingTheFile)
{
    std::string path = std::string(EVPACK_TEST_DATA) + "/files/minutes.pdf";
    try {
        pdf::load_seal(path);
        FAIL() << "a PDF was taken for a seal";
    } catch (const Error& e) {
        EXPECT_EQ(e.position().path, path);
        EXPECT_NE(e.message().find("PNG"), std::string::npos) << e.message();
    }
}

TEST(PdfSeal, ADamagedPngIsRefusedNamingTheFile)
{
    std::string path = std::string(EVPACK_TEST_DATA) + "/files/bad-crc.png";
    try {
        pdf::load_seal(path);
        FAIL() << "a damaged PNG was taken";
    } catch (const Error& e) {
        EXPECT_EQ(e.position().path, path);
    }
}

TEST(PdfSeal, EmbeddedAsAnImageWithASoftMaskThatDecodeToItsPixels)
{
    pdf::SealImage s = pdf::load_seal(seal_dir() + "seal.png");
    PoDoFo::PdfMemDocument doc;
    PoDoFo::PdfReference ref = pdf::embed_seal(doc, s);
    PoDoFo::PdfObject* image = doc.GetObjects().GetObject(ref);
    ASSERT_NE(image, nullptr);
    EXPECT_EQ(image->GetDictionary().GetKey("Width")->GetNumber(), 480);
    EXPECT_EQ(image->GetDictionary().GetKey("ColorSpace")->GetName().GetName(), "DeviceRGB");
    PoDoFo::PdfObject* mask = doc.GetObjects().GetObject(image->GetDictionary().GetKey("SMask")->GetReference());
    ASSERT_NE(mask, nullptr);
    EXPECT_EQ(mask->GetDictionary().GetKey("ColorSpace")->GetName().GetName(), "DeviceGray");
    auto decoded = [](PoDoFo::PdfObject* o) {
        char* buf = nullptr;
        PoDoFo::pdf_long len = 0;
        o->GetStream()->GetFilteredCopy(&buf, &len);
        std::string out(buf, static_cast<std::size_t>(len));
        PoDoFo::podofo_free(buf);
        return out;
    };
    EXPECT_EQ(decoded(image), std::string(s.rgb.begin(), s.rgb.end()));
    EXPECT_EQ(decoded(mask), std::string(s.alpha.begin(), s.alpha.end()));
}
