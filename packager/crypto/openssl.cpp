#include "crypto/openssl.hpp"

#include "util/error.hpp"
#include "util/file.hpp"

#include <ctime>
#include <openssl/err.h>
#include <openssl/pem.h>

namespace evpack::crypto {

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

SignerInfo describe_signer(X509* cert)
{
    SignerInfo s;
    s.subject = name_text(X509_get_subject_name(cert));
    s.issuer = name_text(X509_get_issuer_name(cert));
    s.fingerprint = fingerprint(cert);
    s.not_before = time_text(X509_get0_notBefore(cert));
    s.not_after = time_text(X509_get0_notAfter(cert));
    return s;
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

SigningKey read_signing_key(const std::string& key_path, const std::string& cert_path)
{
    SigningKey out;
    std::string key_pem = util::read_file(key_path);
    BioPtr key_bio = mem_bio(key_pem);
    out.key.reset(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
    if (!out.key) {
        throw Error(Position{key_path}, "not a readable private key (PEM, without a passphrase): " + openssl_error());
    }
    out.certs = read_certs(cert_path);
    if (X509_check_private_key(out.certs[0].get(), out.key.get()) != 1) {
        ERR_clear_error();
        throw Error(Position{cert_path}, "the certificate does not belong to the key " + key_path);
    }
    return out;
}

StorePtr trust_store(const std::vector<std::string>& trust_paths)
{
    StorePtr store(X509_STORE_new());
    for (const std::string& path : trust_paths) {
        for (X509Ptr& cert : read_certs(path)) {
            X509_STORE_add_cert(store.get(), cert.get());
        }
    }
    X509_STORE_set_flags(store.get(), X509_V_FLAG_PARTIAL_CHAIN);
    return store;
}

} // namespace evpack::crypto
