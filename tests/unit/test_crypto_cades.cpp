#include "crypto/cades.hpp"
#include "crypto/sha256.hpp"
#include "crypto/timestamp.hpp"
#include "util/error.hpp"

#include <filesystem>
#include <gtest/gtest.h>

#include "helpers.hpp"

using namespace evpack;

namespace {

class Cades : public test::ScratchDir
{
protected:
    void SetUp() override
    {
        ScratchDir::SetUp();
        std::filesystem::create_directory(dir + "/a");
        std::filesystem::create_directory(dir + "/b");
        keys = crypto::generate_key(dir + "/a", "测试联盟", crypto::KeyType::ec_p256, false);
        other = crypto::generate_key(dir + "/b", "其他联盟", crypto::KeyType::rsa_3072, false);
        crypto::Sha256 h;
        h.update(content.data(), content.size());
        digest = h.digest();
    }

    crypto::KeyPair keys, other;
    const std::string content = "%PDF-1.7 the signed byte ranges";
    std::string digest;
};

// The DER encoding of an OID's value, to look for it in a signature.
bool has_oid(const std::string& der, const std::string& oid_value) { return der.find(oid_value) != std::string::npos; }
const std::string signing_time_oid("\x2a\x86\x48\x86\xf7\x0d\x01\x09\x05", 9);
const std::string signing_certificate_v2_oid("\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x02\x2f", 11);

} // namespace

TEST_F(Cades, SignsADigestAsPadesBaselineWantsIt)
{
    std::string cms = crypto::sign_cades(digest, keys.key_path, keys.cert_path);
    EXPECT_FALSE(has_oid(cms, signing_time_oid)) << "PAdES baseline: no signingTime";
    EXPECT_TRUE(has_oid(cms, signing_certificate_v2_oid));
    crypto::CadesCheck c = crypto::verify_cades(cms, digest, {keys.cert_path});
    EXPECT_TRUE(c.valid) << c.problem;
    EXPECT_TRUE(c.trusted) << c.problem;
    EXPECT_TRUE(c.signing_certificate_v2);
    EXPECT_EQ(c.signer.fingerprint, keys.fingerprint);
    EXPECT_FALSE(c.timestamp.present);
}

TEST_F(Cades, RsaKeysSignToo)
{
    std::string cms = crypto::sign_cades(digest, other.key_path, other.cert_path);
    crypto::CadesCheck c = crypto::verify_cades(cms, digest, {other.cert_path});
    EXPECT_TRUE(c.valid && c.trusted) << c.problem;
}

TEST_F(Cades, AnotherDigestIsNamedAsChangedBytes)
{
    std::string cms = crypto::sign_cades(digest, keys.key_path, keys.cert_path);
    std::string changed = digest;
    changed[5] ^= 1;
    crypto::CadesCheck c = crypto::verify_cades(cms, changed, {keys.cert_path});
    EXPECT_FALSE(c.valid);
    EXPECT_EQ(c.problem, "the signed bytes have changed (their SHA-256 is not the one signed)");
}

TEST_F(Cades, ASignatureValueTamperedWithFails)
{
    std::string cms = crypto::sign_cades(digest, keys.key_path, keys.cert_path);
    cms[cms.size() - 10] ^= 1; // inside the ECDSA signature value, the last element
    crypto::CadesCheck c = crypto::verify_cades(cms, digest, {keys.cert_path});
    EXPECT_FALSE(c.valid);
}

TEST_F(Cades, AnotherSignerIsValidButNotTrusted)
{
    std::string cms = crypto::sign_cades(digest, other.key_path, other.cert_path);
    crypto::CadesCheck c = crypto::verify_cades(cms, digest, {keys.cert_path});
    EXPECT_TRUE(c.valid) << c.problem;
    EXPECT_FALSE(c.trusted);
    EXPECT_NE(c.problem.find("not trusted"), std::string::npos) << c.problem;
    EXPECT_EQ(c.signer.fingerprint, other.fingerprint);
}

TEST_F(Cades, AKeyAndAnotherCertificateAreRefusedNamingTheCertificate)
{
    try {
        crypto::sign_cades(digest, keys.key_path, other.cert_path);
        FAIL() << "signed with a certificate of another key";
    } catch (const Error& e) {
        EXPECT_EQ(e.position().path, other.cert_path);
    }
}

TEST_F(Cades, TheTimestampQueryImprintsTheSignatureValue)
{
    std::string cms = crypto::sign_cades(digest, keys.key_path, keys.cert_path);
    std::string query = crypto::timestamp_query(cms);
    // SHA-256 OID and cert_req TRUE; two queries differ by their nonce.
    EXPECT_TRUE(has_oid(query, std::string("\x60\x86\x48\x01\x65\x03\x04\x02\x01", 9)));
    EXPECT_NE(query, crypto::timestamp_query(cms));
    try {
        crypto::add_timestamp(cms, query, "not a reply", "http://tsa.example/");
        FAIL() << "a reply that is none was taken";
    } catch (const Error& e) {
        EXPECT_EQ(e.position().path, "http://tsa.example/");
    }
}
