#include "crypto/cms.hpp"

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

template <typename T, void (*Free)(T*)>
struct Deleter
{
    void operator()(T* p) const { Free(p); }
};
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using CmsPtr = std::unique_ptr<CMS_ContentInfo, Deleter<CMS_ContentInfo, CMS_ContentInfo_free>>;
using StorePtr = std::unique_ptr<X509_STORE, Deleter<X509_STORE, X509_STORE_free>>;
using NamePtr = std::unique_ptr<X509_NAME, Deleter<X509_NAME, X509_NAME_free>>;

void free_x509_stack(STACK_OF(X509) * s) { sk_X509_pop_free(s, X509_free); }
using X509StackPtr = std::unique_ptr<STACK_OF(X509), Deleter<STACK_OF(X509), free_x509_stack>>;

// OpenSSL's own words for the last failure, for messages.
std::string openssl_error()
{
    unsigned long code = ERR_get_error();
    std::string out;
    while (code) {
        char buf[256];
        ERR_error_string_n(code, buf, sizeof buf);
        out = buf;
        code = ERR_get_error();
    }
    return out.empty() ? "unknown OpenSSL error" : out;
}

BioPtr mem_bio(const std::string& data)
{
    return BioPtr(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
}

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

std::string bio_text(BIO* bio)
{
    char* p = nullptr;
    long n = BIO_get_mem_data(bio, &p);
    return std::string(p, static_cast<std::size_t>(n));
}

std::string hex(const unsigned char* p, unsigned n)
{
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned i = 0; i < n; ++i) {
        out += digits[p[i] >> 4];
        out += digits[p[i] & 15];
    }
    return out;
}

std::string fingerprint(X509* cert)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned n = 0;
    X509_digest(cert, EVP_sha256(), md, &n);
    return hex(md, n);
}

std::string name_text(const X509_NAME* name)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
    return bio_text(bio.get());
}

std::string time_text(const ASN1_TIME* t)
{
    std::tm tm{};
    if (!ASN1_TIME_to_tm(t, &tm)) {
        return "?";
    }
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
    return buf;
}

std::vector<X509Ptr> read_certs(const std::string& path)
{
    std::string pem = util::read_file(path);
    BioPtr bio = mem_bio(pem);
    std::vector<X509Ptr> out;
    while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
        out.emplace_back(cert);
    }
    ERR_clear_error();
    if (out.empty()) {
        BioPtr der = mem_bio(pem);
        if (X509* cert = d2i_X509_bio(der.get(), nullptr)) {
            out.emplace_back(cert);
        }
        ERR_clear_error();
    }
    if (out.empty()) {
        throw Error(Position{path}, "no X.509 certificate in this file (PEM or DER expected)");
    }
    return out;
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
    std::string key_pem = util::read_file(key_path);
    BioPtr key_bio = mem_bio(key_pem);
    PkeyPtr key(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
    if (!key) {
        throw Error(Position{key_path}, "not a readable private key (PEM, without a passphrase): " + openssl_error());
    }
    std::vector<X509Ptr> certs = read_certs(cert_path);
    if (X509_check_private_key(certs[0].get(), key.get()) != 1) {
        ERR_clear_error();
        throw Error(Position{cert_path}, "the certificate does not belong to the key " + key_path);
    }
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
        X509* cert = sk_X509_value(signers.get(), 0);
        out.signer.subject = name_text(X509_get_subject_name(cert));
        out.signer.issuer = name_text(X509_get_issuer_name(cert));
        out.signer.fingerprint = fingerprint(cert);
        out.signer.not_before = time_text(X509_get0_notBefore(cert));
        out.signer.not_after = time_text(X509_get0_notAfter(cert));
    }
    ERR_clear_error();
    if (!out.valid) {
        return out;
    }
    if (trust_paths.empty()) {
        out.problem = "no trusted certificate was given (--trust CERT_OR_CA)";
        return out;
    }
    StorePtr store(X509_STORE_new());
    for (const std::string& path : trust_paths) {
        for (X509Ptr& cert : read_certs(path)) {
            X509_STORE_add_cert(store.get(), cert.get());
        }
    }
    // A trusted signer certificate need not be a CA: accept it as an anchor of its own.
    X509_STORE_set_flags(store.get(), X509_V_FLAG_PARTIAL_CHAIN);
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
