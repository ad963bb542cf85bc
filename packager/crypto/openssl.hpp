#pragma once

// Internal to crypto/: RAII handles for OpenSSL objects and the helpers every signature file
// shares (messages, certificates, keys, names).

#include "crypto/cms.hpp"

#include <memory>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <string>
#include <vector>

namespace evpack::crypto {

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

inline void free_x509_stack(STACK_OF(X509) * s) { sk_X509_pop_free(s, X509_free); }
using X509StackPtr = std::unique_ptr<STACK_OF(X509), Deleter<STACK_OF(X509), free_x509_stack>>;

// OpenSSL's own words for the last failure, for messages; clears the error queue.
std::string openssl_error();

BioPtr mem_bio(const std::string& data);
std::string bio_text(BIO* bio);
std::string hex(const unsigned char* p, unsigned n);

std::string fingerprint(X509* cert); // SHA-256, hex
std::string name_text(const X509_NAME* name);
std::string time_text(const ASN1_TIME* t); // "YYYY-MM-DD HH:MM:SS UTC"

// Subject, issuer, fingerprint and validity, for reports.
SignerInfo describe_signer(X509* cert);

// The signature time-stamp of a signer, if it has one (timestamp.cpp).
TimestampCheck check_timestamp(CMS_SignerInfo* si, const std::vector<std::string>& trust_paths);

// Every certificate in a PEM file (or the one in a DER file); throws Error naming the file.
std::vector<X509Ptr> read_certs(const std::string& path);

// A signing key and its certificate chain (leaf first), checked to belong together; throws
// Error naming the file at fault.
struct SigningKey
{
    PkeyPtr key;
    std::vector<X509Ptr> certs;
};
SigningKey read_signing_key(const std::string& key_path, const std::string& cert_path);

// A store of the certificates in trust_paths, each accepted as an anchor of its own (a trusted
// signer certificate need not be a CA).
StorePtr trust_store(const std::vector<std::string>& trust_paths);

} // namespace evpack::crypto
