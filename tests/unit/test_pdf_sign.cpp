#include "pdf/sign.hpp"

#include "crypto/cades.hpp"
#include "crypto/sha256.hpp"
#include "util/error.hpp"
#include "util/file.hpp"

#include <filesystem>
#include <gtest/gtest.h>

#include "helpers.hpp"
#include <regex>

using namespace evpack;

namespace {

class PdfSign : public test::ScratchDir
{
protected:
    void SetUp() override
    {
        ScratchDir::SetUp();
        keys = crypto::generate_key(dir, "测试联盟", crypto::KeyType::ec_p256, false);
    }

    std::string copy(const std::string& name)
    {
        std::string to = dir + "/" + name;
        std::filesystem::copy_file(std::string(EVPACK_TEST_DATA) + "/files/" + name, to);
        return to;
    }

    pdf::SignResult sign(const std::string& path, std::size_t reserve, int* calls = nullptr)
    {
        pdf::SignOptions o;
        o.signing_time = 1609459200;
        o.name = "测试联盟";
        o.reserve = reserve;
        return pdf::sign_appendix(path, o, [&](const std::string& digest) {
            if (calls) {
                ++*calls;
            }
            return crypto::sign_cades(digest, keys.key_path, keys.cert_path);
        });
    }

    // The signature as an independent reader finds it: the last /ByteRange, the bytes it
    // covers hashed, the DER in the hex string it leaves out.
    crypto::CadesCheck check(const std::string& signed_pdf)
    {
        std::smatch m;
        std::string last;
        for (auto it = std::sregex_iterator(signed_pdf.begin(), signed_pdf.end(), range); it != std::sregex_iterator(); ++it) {
            m = *it;
        }
        EXPECT_FALSE(m.empty());
        std::size_t a = std::stoul(m[2]), b = std::stoul(m[3]), c = std::stoul(m[4]);
        EXPECT_EQ(b + c, signed_pdf.size()) << "covers the whole file";
        crypto::Sha256 h;
        h.update(signed_pdf.data(), a);
        h.update(signed_pdf.data() + b, c);
        std::string der;
        for (std::size_t i = a + 1; i + 1 < b; i += 2) {
            der += static_cast<char>(std::stoi(signed_pdf.substr(i, 2), nullptr, 16));
        }
        return crypto::verify_cades(der, h.digest(), {keys.cert_path});
    }

    const std::regex range{R"(/ByteRange\[(\d+) (\d+) (\d+) (\d+)\s*\])"};
    crypto::KeyPair keys;
};

} // namespace

TEST_F(PdfSign, AppendsASignatureCoveringTheWholeFileAndKeepsThePrefix)
{
    std::string path = copy("contract.pdf");
    std::string before = util::read_file(path);
    pdf::SignResult r = sign(path, 4096);
    std::string after = util::read_file(path);
    EXPECT_EQ(r.unsigned_size, before.size());
    EXPECT_EQ(r.signed_size, after.size());
    EXPECT_EQ(after.compare(0, before.size(), before), 0) << "the unsigned file is a prefix of the signed one";
    crypto::CadesCheck c = check(after);
    EXPECT_TRUE(c.valid && c.trusted) << c.problem;
    EXPECT_NE(after.find("/SubFilter/ETSI.CAdES.detached", before.size()), std::string::npos);
    EXPECT_NE(after.find("/M(D:20210101000000+00'00')", before.size()), std::string::npos);
    EXPECT_EQ(r.sha256, crypto::sha256_hex(after)) << "the signed file's own hash, for the package";
}

TEST_F(PdfSign, TooLittleRoomIsMadeOnceMore)
{
    std::string path = copy("minutes.pdf");
    int calls = 0;
    pdf::SignResult r = sign(path, 16, &calls);
    EXPECT_EQ(calls, 2);
    EXPECT_GT(r.cms_size, 16u);
    crypto::CadesCheck c = check(util::read_file(path));
    EXPECT_TRUE(c.valid) << c.problem;
}

TEST_F(PdfSign, EvidenceHoldingPodofosMarkerTextSignsAsAnyOther)
{
    std::string path = copy("signature-marker.pdf");
    ASSERT_NE(util::read_file(path).find("###HERE_WILL_BE_SIGNATURE___"), std::string::npos);
    sign(path, 4096);
    crypto::CadesCheck c = check(util::read_file(path));
    EXPECT_TRUE(c.valid) << c.problem;
}

TEST_F(PdfSign, NotAPdfIsAnErrorNamingTheFile)
{
    std::string path = copy("not-a-pdf.txt.pdf");
    try {
        sign(path, 4096);
        FAIL() << "signed a text file";
    } catch (const Error& e) {
        EXPECT_EQ(e.position().path, path);
    }
}
