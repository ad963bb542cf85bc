#include "crypto/cms.hpp"

#include "crypto/openssl.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/file.hpp"

#include <ctime>
#include <fcntl.h>
#include <memory>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

namespace evpack::crypto {

namespace {

// The signed content, for CMS_verify. OpenSSL 3.0 copies a memory BIO into one of its own and
// leaks that copy when the signature names a digest it does not know (CMS_dataInit fails): a
// pass-through filter in front is not a memory BIO, so CMS_verify reads it as it is.
BioPtr content_bio(const std::string& data)
{
    BioPtr filter(BIO_new(BIO_f_null()));
    if (!filter) {
        throw std::bad_alloc();
    }
    BIO_push(filter.get(), mem_bio(data).release());
    return filter;
}

PkeyPtr make_key(KeyType type)
{
    EVP_PKEY* key = type == KeyType::rsa_3072 ? EVP_RSA_gen(3072) : EVP_EC_gen("P-256");
    if (!key) {
        throw Error("cannot generate a key: " + openssl_error());
    }
    return PkeyPtr(key);
}

void add_ext(X509* cert, int nid, const char* value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (!ext) {
        throw Error("cannot build a certificate extension: " + openssl_error());
    }
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
}

} // namespace

KeyPair generate_key(const std::string& dir, const std::string& organization, KeyType type, bool overwrite)
{
    KeyPair pair{util::join(dir, "key.pem"), util::join(dir, "cert.pem"), ""};
    struct stat st{};
    if (!overwrite && (::stat(pair.key_path.c_str(), &st) == 0 || ::stat(pair.cert_path.c_str(), &st) == 0)) {
        throw UsageError(Position{::stat(pair.key_path.c_str(), &st) == 0 ? pair.key_path : pair.cert_path},
                         "already exists; use --force to replace it (the old key is lost)");
    }
    PkeyPtr key = make_key(type);
    X509Ptr cert(X509_new());
    X509_set_version(cert.get(), 2);
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f;
    BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 10L * 365 * 24 * 3600);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME* name = X509_get_subject_name(cert.get());
    auto text = reinterpret_cast<const unsigned char*>(organization.c_str());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, text, -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, text, -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    add_ext(cert.get(), NID_basic_constraints, "critical,CA:FALSE");
    add_ext(cert.get(), NID_key_usage, "critical,digitalSignature,nonRepudiation");
    add_ext(cert.get(), NID_subject_key_identifier, "hash");
    if (!X509_sign(cert.get(), key.get(), EVP_sha256())) {
        throw Error("cannot sign the certificate: " + openssl_error());
    }
    BioPtr key_pem(BIO_new(BIO_s_mem()));
    BioPtr cert_pem(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(key_pem.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    PEM_write_bio_X509(cert_pem.get(), cert.get());
    // Both whole on disk before either replaces an earlier one: a key without its certificate
    // (or beside an older one) would sign packages that verify against nothing.
    util::AtomicFile key_out(pair.key_path, 0600);
    util::AtomicFile cert_out(pair.cert_path);
    key_out.write(bio_text(key_pem.get()));
    cert_out.write(bio_text(cert_pem.get()));
    key_out.close();
    cert_out.close();
    key_out.commit();
    cert_out.commit();
    pair.fingerprint = fingerprint(cert.get());
    return pair;
}

std::string sign_detached(const std::string& data, const std::string& key_path, const std::string& cert_path,
                          std::int64_t signing_time)
{
    SigningKey signer = read_signing_key(key_path, cert_path);
    PkeyPtr& key = signer.key;
    std::vector<X509Ptr>& certs = signer.certs;
    const unsigned flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL;
    CmsPtr cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, flags));
    if (!cms) {
        throw Error("cannot create a CMS signature: " + openssl_error());
    }
    CMS_SignerInfo* si = CMS_add1_signer(cms.get(), certs[0].get(), key.get(), EVP_sha256(), flags);
    if (!si) {
        throw Error(Position{key_path}, "cannot sign with this key: " + openssl_error());
    }
    // The signing time comes from SOURCE_DATE_EPOCH when set; OpenSSL would use the clock.
    ASN1_TIME* when = ASN1_TIME_set(nullptr, static_cast<time_t>(signing_time));
    CMS_signed_add1_attr_by_NID(si, NID_pkcs9_signingTime, when->type, when, -1);
    ASN1_TIME_free(when);
    for (std::size_t i = 1; i < certs.size(); ++i) {
        CMS_add1_cert(cms.get(), certs[i].get());
    }
    BioPtr content = mem_bio(data);
    if (CMS_final(cms.get(), content.get(), nullptr, flags) != 1) {
        throw Error(Position{key_path}, "cannot sign: " + openssl_error());
    }
    BioPtr out(BIO_new(BIO_s_mem()));
    if (i2d_CMS_bio(out.get(), cms.get()) != 1) {
        throw Error("cannot encode the signature: " + openssl_error());
    }
    return bio_text(out.get());
}

std::size_t read_certificates(const std::string& path) { return read_certs(path).size(); }

SignatureCheck verify_detached(const std::string& signature, const std::string& data,
                               const std::vector<std::string>& trust_paths)
{
    SignatureCheck out;
    BioPtr sig = mem_bio(signature);
    CmsPtr cms(d2i_CMS_bio(sig.get(), nullptr));
    if (!cms) {
        out.problem = "not a CMS signature: " + openssl_error();
        return out;
    }
    X509StackPtr signers;
    {
        BioPtr content = content_bio(data);
        // First the signature alone, whoever made it.
        if (CMS_verify(cms.get(), nullptr, nullptr, content.get(), nullptr, CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) != 1) {
            out.problem = "the signature does not match the tag manifest: " + openssl_error();
        } else {
            out.valid = true;
        }
    }
    signers.reset(CMS_get0_signers(cms.get()));
    if (signers && sk_X509_num(signers.get()) > 0) {
        // CMS_get0_signers returns borrowed pointers in a new stack: take references.
        for (int i = 0; i < sk_X509_num(signers.get()); ++i) {
            X509_up_ref(sk_X509_value(signers.get(), i));
        }
        out.signer = describe_signer(sk_X509_value(signers.get(), 0));
    }
    ERR_clear_error();
    if (!out.valid) {
        return out;
    }
    if (STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms.get()); sk_CMS_SignerInfo_num(infos) == 1) {
        out.timestamp = check_timestamp(sk_CMS_SignerInfo_value(infos, 0), trust_paths);
    }
    if (trust_paths.empty()) {
        out.problem = "no trusted certificate was given (--trust CERT_OR_CA)";
        return out;
    }
    StorePtr store = trust_store(trust_paths);
    BioPtr content = content_bio(data);
    if (CMS_verify(cms.get(), nullptr, store.get(), content.get(), nullptr, CMS_BINARY) == 1) {
        out.trusted = true;
    } else {
        out.problem = "the signer is not trusted: " + openssl_error();
    }
    ERR_clear_error();
    return out;
}

} // namespace evpack::crypto
