#include "crypto/cms.hpp"

#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>

#include "helpers.hpp"

using namespace evpack;

namespace {

class Cms : public test::ScratchDir
{
protected:
    void SetUp() override
    {
        ScratchDir::SetUp();
        keys = crypto::generate_key(dir, "测试联盟", crypto::KeyType::ec_p256, false);
        signature = crypto::sign_detached(data, keys.key_path, keys.cert_path, 1700000000);
    }

    // The signature with its list of digest algorithms (the first SHA-256 identifier) naming one
    // OpenSSL does not know.
    std::string with_unknown_digest() const
    {
        const std::string sha256_oid("\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x01", 11);
        std::string s = signature;
        auto at = s.find(sha256_oid);
        EXPECT_NE(at, std::string::npos);
        if (at != std::string::npos) {
            s[at + sha256_oid.size() - 1] = '\x7f';
        }
        return s;
    }

    crypto::KeyPair keys;
    const std::string data = "0123456789abcdef  bag-info.txt\n";
    std::string signature;
};

TEST_F(Cms, SignatureOverTheDataIsValidAndTrustedWithItsCertificate)
{
    crypto::SignatureCheck c = crypto::verify_detached(signature, data, {keys.cert_path});
    EXPECT_TRUE(c.valid) << c.problem;
    EXPECT_TRUE(c.trusted) << c.problem;
    EXPECT_NE(c.signer.subject.find("测试联盟"), std::string::npos) << c.signer.subject;
    EXPECT_EQ(c.signer.fingerprint, keys.fingerprint);
}

TEST_F(Cms, ChangedDataIsNotValid)
{
    crypto::SignatureCheck c = crypto::verify_detached(signature, data + "x", {keys.cert_path});
    EXPECT_FALSE(c.valid);
    EXPECT_FALSE(c.trusted);
    EXPECT_NE(c.problem.find("does not match"), std::string::npos) << c.problem;
}

TEST_F(Cms, WithoutTrustedCertificateValidButNotTrusted)
{
    crypto::SignatureCheck c = crypto::verify_detached(signature, data, {});
    EXPECT_TRUE(c.valid) << c.problem;
    EXPECT_FALSE(c.trusted);
    EXPECT_NE(c.problem.find("--trust"), std::string::npos) << c.problem;
}

TEST_F(Cms, TruncatedSignatureIsNotACmsSignature)
{
    crypto::SignatureCheck c = crypto::verify_detached(signature.substr(0, signature.size() / 2), data, {});
    EXPECT_FALSE(c.valid);
    EXPECT_NE(c.problem.find("not a CMS signature"), std::string::npos) << c.problem;
}

// Found by fuzzing `verify`: OpenSSL 3.0's CMS_verify leaked its copy of the content here (the
// leak check of this sanitizer build fails the test if it comes back).
TEST_F(Cms, UnknownDigestAlgorithmIsNotValid)
{
    crypto::SignatureCheck c = crypto::verify_detached(with_unknown_digest(), data, {keys.cert_path});
    EXPECT_FALSE(c.valid);
    EXPECT_FALSE(c.trusted);
    EXPECT_FALSE(c.problem.empty());
}

} // namespace
