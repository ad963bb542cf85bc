#include "crypto/cades.hpp"

#include "crypto/openssl.hpp"
#include "util/error.hpp"

#include <algorithm>
#include <cstring>
#include <openssl/err.h>
#include <openssl/ess.h>
#include <openssl/pkcs7.h>
#include <openssl/x509v3.h>

namespace evpack::crypto {

namespace {

void free_attr_stack(STACK_OF(X509_ATTRIBUTE) * s) { sk_X509_ATTRIBUTE_free(s); } // borrowed entries
using AttrRefsPtr = std::unique_ptr<STACK_OF(X509_ATTRIBUTE), Deleter<STACK_OF(X509_ATTRIBUTE), free_attr_stack>>;
using CtxPtr = std::unique_ptr<X509_STORE_CTX, Deleter<X509_STORE_CTX, X509_STORE_CTX_free>>;
using EssPtr = std::unique_ptr<ESS_SIGNING_CERT_V2, Deleter<ESS_SIGNING_CERT_V2, ESS_SIGNING_CERT_V2_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;

// Signs the signer's signed attributes as they will be encoded (a DER SET OF, sorted: the
// encoding PKCS7_ATTR_SIGN gives a stack of attributes, the same as CMS's). OpenSSL's
// CMS_SignerInfo_sign would first add a signingTime, which PAdES baseline forbids.
void sign_attributes(CMS_SignerInfo* si, EVP_PKEY* key, const std::string& key_path)
{
    AttrRefsPtr attrs(sk_X509_ATTRIBUTE_new_null());
    for (int i = 0; i < CMS_signed_get_attr_count(si); ++i) {
        sk_X509_ATTRIBUTE_push(attrs.get(), CMS_signed_get_attr(si, i));
    }
    unsigned char* der = nullptr;
    int der_len = ASN1_item_i2d(reinterpret_cast<ASN1_VALUE*>(attrs.get()), &der, ASN1_ITEM_rptr(PKCS7_ATTR_SIGN));
    if (der_len <= 0) {
        throw Error("cannot encode the signed attributes: " + openssl_error());
    }
    std::unique_ptr<unsigned char, void (*)(unsigned char*)> hold(der, [](unsigned char* p) { OPENSSL_free(p); });
    MdCtxPtr md(EVP_MD_CTX_new());
    std::size_t sig_len = 0;
    if (EVP_DigestSignInit(md.get(), nullptr, EVP_sha256(), nullptr, key) != 1
        || EVP_DigestSign(md.get(), nullptr, &sig_len, der, static_cast<std::size_t>(der_len)) != 1) {
        throw Error(Position{key_path}, "cannot sign with this key: " + openssl_error());
    }
    std::vector<unsigned char> sig(sig_len);
    if (EVP_DigestSign(md.get(), sig.data(), &sig_len, der, static_cast<std::size_t>(der_len)) != 1) {
        throw Error(Position{key_path}, "cannot sign with this key: " + openssl_error());
    }
    ASN1_STRING_set(CMS_SignerInfo_get0_signature(si), sig.data(), static_cast<int>(sig_len));
}

// Whether the signer's signingCertificateV2 attribute names its certificate.
bool signing_certificate_matches(CMS_SignerInfo* si, X509* signer)
{
    const ASN1_STRING* value = static_cast<const ASN1_STRING*>(
        CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(NID_id_smime_aa_signingCertificateV2), -3, V_ASN1_SEQUENCE));
    if (!value) {
        return false;
    }
    const unsigned char* p = ASN1_STRING_get0_data(value);
    EssPtr ess(d2i_ESS_SIGNING_CERT_V2(nullptr, &p, ASN1_STRING_length(value)));
    X509StackPtr chain(sk_X509_new_null());
    X509_up_ref(signer);
    sk_X509_push(chain.get(), signer);
    bool ok = ess && OSSL_ESS_check_signing_certs(nullptr, ess.get(), chain.get(), 1) == 1;
    ERR_clear_error();
    return ok;
}

} // namespace

std::string sign_cades(const std::string& digest, const std::string& key_path, const std::string& cert_path)
{
    if (digest.size() != 32) {
        throw Error("internal error: a SHA-256 digest has 32 bytes");
    }
    SigningKey signer = read_signing_key(key_path, cert_path);
    const unsigned flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP;
    CmsPtr cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, flags));
    if (!cms) {
        throw Error("cannot create a CMS signature: " + openssl_error());
    }
    // CMS_CADES adds signingCertificateV2; CMS_PARTIAL leaves the signing to us.
    CMS_SignerInfo* si = CMS_add1_signer(cms.get(), signer.certs[0].get(), signer.key.get(), EVP_sha256(), flags | CMS_CADES);
    if (!si) {
        throw Error(Position{key_path}, "cannot sign with this key: " + openssl_error());
    }
    for (std::size_t i = 1; i < signer.certs.size(); ++i) {
        CMS_add1_cert(cms.get(), signer.certs[i].get());
    }
    if (CMS_signed_add1_attr_by_NID(si, NID_pkcs9_contentType, V_ASN1_OBJECT, OBJ_nid2obj(NID_pkcs7_data), -1) != 1
        || CMS_signed_add1_attr_by_NID(si, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING, digest.data(),
                                       static_cast<int>(digest.size()))
               != 1) {
        throw Error("cannot build the signed attributes: " + openssl_error());
    }
    sign_attributes(si, signer.key.get(), key_path);
    BioPtr out(BIO_new(BIO_s_mem()));
    if (i2d_CMS_bio(out.get(), cms.get()) != 1) {
        throw Error("cannot encode the signature: " + openssl_error());
    }
    return bio_text(out.get());
}

CadesCheck verify_cades(const std::string& signature, const std::string& digest, const std::vector<std::string>& trust_paths)
{
    CadesCheck out;
    BioPtr sig = mem_bio(signature);
    CmsPtr cms(d2i_CMS_bio(sig.get(), nullptr));
    if (!cms || OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed) {
        out.problem = "not a CMS signature: " + openssl_error();
        return out;
    }
    STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms.get());
    if (sk_CMS_SignerInfo_num(infos) != 1) {
        out.problem = "the signature has " + std::to_string(sk_CMS_SignerInfo_num(infos)) + " signers, not one";
        return out;
    }
    CMS_SignerInfo* si = sk_CMS_SignerInfo_value(infos, 0);
    // Matches the signer to a certificate carried in the signature.
    CMS_set1_signers_certs(cms.get(), nullptr, 0);
    X509* signer = nullptr;
    X509_ALGOR* digest_alg = nullptr;
    CMS_SignerInfo_get0_algs(si, nullptr, &signer, &digest_alg, nullptr);
    ERR_clear_error();
    if (!signer) {
        out.problem = "the signature does not carry its signer's certificate";
        return out;
    }
    out.signer = describe_signer(signer);
    const ASN1_OBJECT* alg = nullptr;
    X509_ALGOR_get0(&alg, nullptr, nullptr, digest_alg);
    if (OBJ_obj2nid(alg) != NID_sha256) {
        char name[80];
        OBJ_obj2txt(name, sizeof name, alg, 0);
        out.problem = std::string("the signature uses the digest ") + name + ", not SHA-256";
        return out;
    }
    const ASN1_OCTET_STRING* md = static_cast<const ASN1_OCTET_STRING*>(
        CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING));
    if (!md) {
        out.problem = "the signature has no messageDigest attribute";
        return out;
    }
    if (static_cast<std::size_t>(ASN1_STRING_length(md)) != digest.size()
        || std::memcmp(ASN1_STRING_get0_data(md), digest.data(), digest.size()) != 0) {
        out.problem = "the signed bytes have changed (their SHA-256 is not the one signed)";
        return out;
    }
    if (CMS_SignerInfo_verify(si) != 1) {
        out.problem = "the signature value does not verify with the signer's key: " + openssl_error();
        return out;
    }
    out.valid = true;
    out.signing_certificate_v2 = signing_certificate_matches(si, signer);
    out.timestamp = check_timestamp(si, trust_paths);
    if (trust_paths.empty()) {
        out.problem = "no trusted certificate was given (--trust CERT_OR_CA)";
        return out;
    }
    StorePtr store = trust_store(trust_paths);
    X509StackPtr carried(CMS_get1_certs(cms.get()));
    CtxPtr ctx(X509_STORE_CTX_new());
    if (!ctx || X509_STORE_CTX_init(ctx.get(), store.get(), signer, carried.get()) != 1) {
        throw Error("cannot check the certificate chain: " + openssl_error());
    }
    X509_STORE_CTX_set_default(ctx.get(), "smime_sign");
    if (X509_verify_cert(ctx.get()) == 1) {
        out.trusted = true;
    } else {
        out.problem = std::string("the signer is not trusted: ")
            + X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get()));
    }
    ERR_clear_error();
    return out;
}

} // namespace evpack::crypto
