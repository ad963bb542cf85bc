#include "photo/decode.hpp"

#include "helpers.hpp"
#include "util/error.hpp"

#include <cstring>
#include <fstream>
#include <gtest/gtest.h>
#include <libheif/heif.h>
#include <string>

using namespace evpack;

namespace {

// A 64 x 32 picture: the left half red, the right half blue.
bool red_at(const photo::Raster& r, int x, int y)
{
    const unsigned char* p = &r.pixels[(static_cast<std::size_t>(y) * static_cast<std::size_t>(r.width) + static_cast<std::size_t>(x)) * 3];
    return p[0] > 150 && p[2] < 100;
}

// Writes a HEIC of that picture as an iPhone does: the pixels as the sensor stored them, an irot
// box saying "turn 90° clockwise" and an EXIF block whose Orientation (6) says the same again.
void write_heic(const std::string& path)
{
    heif_context* ctx = heif_context_alloc();
    heif_image* image = nullptr;
    ASSERT_EQ(heif_image_create(64, 32, heif_colorspace_RGB, heif_chroma_interleaved_RGB, &image).code, heif_error_Ok);
    ASSERT_EQ(heif_image_add_plane(image, heif_channel_interleaved, 64, 32, 8).code, heif_error_Ok);
    int stride = 0;
    std::uint8_t* plane = heif_image_get_plane(image, heif_channel_interleaved, &stride);
    for (int y = 0; y < 32; ++y) {
        for (int x = 0; x < 64; ++x) {
            std::uint8_t* p = plane + y * stride + x * 3;
            p[0] = x < 32 ? 220 : 20;
            p[1] = 20;
            p[2] = x < 32 ? 20 : 220;
        }
    }
    heif_encoder* encoder = nullptr;
    ASSERT_EQ(heif_context_get_encoder_for_format(ctx, heif_compression_HEVC, &encoder).code, heif_error_Ok);
    heif_encoder_set_lossy_quality(encoder, 90);
    heif_encoding_options* options = heif_encoding_options_alloc();
    options->image_orientation = heif_orientation_rotate_90_cw;
    heif_image_handle* handle = nullptr;
    ASSERT_EQ(heif_context_encode_image(ctx, image, encoder, options, &handle).code, heif_error_Ok);
    // EXIF: "Exif\0\0" offset (4 bytes, 0), then a little-endian TIFF header with one entry,
    // Orientation = 6.
    const unsigned char exif[] = {0, 0, 0, 0, 'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0,
                                  0, 0, 0, 0};
    ASSERT_EQ(heif_context_add_exif_metadata(ctx, handle, exif + 4, sizeof exif - 4).code, heif_error_Ok);
    ASSERT_EQ(heif_context_write_to_file(ctx, path.c_str()).code, heif_error_Ok);
    heif_image_handle_release(handle);
    heif_encoding_options_free(options);
    heif_encoder_release(encoder);
    heif_image_release(image);
    heif_context_free(ctx);
}

class PhotoDecode : public test::ScratchDir
{
};

} // namespace

// The double-rotation pitfall: libheif applies irot; the EXIF orientation says the same once more
// and must not be applied again. Turned once, the 64 x 32 picture is 32 x 64 with red on top.
TEST_F(PhotoDecode, HeicIsTurnedOnceThoughIrotAndExifBothSaySo)
{
    std::string path = dir + "/phone.heic";
    write_heic(path);
    photo::Raster r = photo::decode_photo(path, photo::Format::heif);
    ASSERT_EQ(r.width, 32);
    ASSERT_EQ(r.height, 64);
    EXPECT_TRUE(red_at(r, 16, 8));   // top: red (the left half, turned clockwise)
    EXPECT_FALSE(red_at(r, 16, 56)); // bottom: blue
    photo::PhotoInfo info = photo::inspect_photo(path, photo::Format::heif);
    EXPECT_EQ(info.frames, 1);
}

TEST_F(PhotoDecode, ExifOrientationsTurnAndMirrorAsAViewerShows)
{
    // 2 x 1: a red pixel, then a blue one.
    photo::Raster in;
    in.width = 2;
    in.height = 1;
    in.pixels = {255, 0, 0, 0, 0, 255};
    photo::Raster six = photo::oriented(in, 6); // 90° clockwise: red on top
    ASSERT_EQ(six.width, 1);
    ASSERT_EQ(six.height, 2);
    EXPECT_EQ(six.pixels[0], 255);
    photo::Raster eight = photo::oriented(in, 8); // 90° anticlockwise: blue on top
    EXPECT_EQ(eight.pixels[0], 0);
    photo::Raster two = photo::oriented(in, 2); // mirrored: blue first
    EXPECT_EQ(two.pixels[0], 0);
    EXPECT_EQ(photo::oriented(in, 1).pixels, in.pixels);
}

TEST_F(PhotoDecode, DamagedPhotosSayWhatIsWrong)
{
    std::ofstream(dir + "/cut.heic", std::ios::binary) << std::string("\0\0\0\x18" "ftypheic\0\0\0\0mif1heic", 24);
    EXPECT_THROW(photo::decode_photo(dir + "/cut.heic", photo::Format::heif), Error);
    std::ofstream(dir + "/cut.webp", std::ios::binary) << std::string("RIFF\x20\0\0\0WEBPVP8 ", 16);
    EXPECT_THROW(photo::inspect_photo(dir + "/cut.webp", photo::Format::webp), Error);
    std::ofstream(dir + "/cut.gif", std::ios::binary) << std::string("GIF89a\x10\0\x10\0\x80\0\0", 13);
    EXPECT_THROW(photo::decode_photo(dir + "/cut.gif", photo::Format::gif), Error);
    // A BMP header claiming 10000 x 10000 pixels in a file of 60 bytes.
    std::string bmp(60, '\0');
    bmp[0] = 'B';
    bmp[1] = 'M';
    bmp[10] = 54;
    bmp[14] = 40;
    bmp[18] = 0x10; bmp[19] = 0x27; // width 10000
    bmp[22] = 0x10; bmp[23] = 0x27; // height 10000
    bmp[26] = 1;
    bmp[28] = 24;
    std::ofstream(dir + "/huge.bmp", std::ios::binary) << bmp;
    try {
        photo::decode_photo(dir + "/huge.bmp", photo::Format::bmp);
        FAIL() << "a truncated BMP decoded";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("truncated"), std::string::npos) << e.what();
    }
}
