#include "crypto/timestamp.hpp"

#include "crypto/openssl.hpp"
#include "util/error.hpp"

#include <openssl/err.h>
#include <openssl/rand.h>
#include <openssl/ts.h>

namespace evpack::crypto {

namespace {

using TsReqPtr = std::unique_ptr<TS_REQ, Deleter<TS_REQ, TS_REQ_free>>;
using TsRespPtr = std::unique_ptr<TS_RESP, Deleter<TS_RESP, TS_RESP_free>>;
using TsImprintPtr = std::unique_ptr<TS_MSG_IMPRINT, Deleter<TS_MSG_IMPRINT, TS_MSG_IMPRINT_free>>;
using TsInfoPtr = std::unique_ptr<TS_TST_INFO, Deleter<TS_TST_INFO, TS_TST_INFO_free>>;
using TsVerifyPtr = std::unique_ptr<TS_VERIFY_CTX, Deleter<TS_VERIFY_CTX, TS_VERIFY_CTX_free>>;
using Pkcs7Ptr = std::unique_ptr<PKCS7, Deleter<PKCS7, PKCS7_free>>;
using AlgorPtr = std::unique_ptr<X509_ALGOR, Deleter<X509_ALGOR, X509_ALGOR_free>>;
using IntegerPtr = std::unique_ptr<ASN1_INTEGER, Deleter<ASN1_INTEGER, ASN1_INTEGER_free>>;

CmsPtr read_cms(const std::string& der)
{
    BioPtr bio = mem_bio(der);
    CmsPtr cms(d2i_CMS_bio(bio.get(), nullptr));
    if (!cms) {
        throw Error("not a CMS signature: " + openssl_error());
    }
    return cms;
}

CMS_SignerInfo* only_signer(CMS_ContentInfo* cms)
{
    STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms);
    if (sk_CMS_SignerInfo_num(infos) != 1) {
        throw Error("internal error: a signature to time-stamp has one signer");
    }
    return sk_CMS_SignerInfo_value(infos, 0);
}

// The hash of a signature value, with the digest the time-stamp names.
std::string imprint_of(CMS_SignerInfo* si, const EVP_MD* md)
{
    const ASN1_OCTET_STRING* value = CMS_SignerInfo_get0_signature(si);
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned n = 0;
    EVP_Digest(ASN1_STRING_get0_data(value), static_cast<std::size_t>(ASN1_STRING_length(value)), out, &n, md, nullptr);
    return std::string(reinterpret_cast<char*>(out), n);
}

template <typename T>
std::string der_of(int (*i2d)(const T*, unsigned char**), const T* object)
{
    int n = i2d(object, nullptr);
    if (n <= 0) {
        throw Error("cannot encode: " + openssl_error());
    }
    std::string out(static_cast<std::size_t>(n), '\0');
    auto* p = reinterpret_cast<unsigned char*>(out.data());
    i2d(object, &p);
    return out;
}

} // namespace

std::string timestamp_query(const std::string& cms_der)
{
    CmsPtr cms = read_cms(cms_der);
    std::string imprint = imprint_of(only_signer(cms.get()), EVP_sha256());
    TsReqPtr req(TS_REQ_new());
    TsImprintPtr msg(TS_MSG_IMPRINT_new());
    AlgorPtr alg(X509_ALGOR_new());
    unsigned char nonce_bytes[8];
    RAND_bytes(nonce_bytes, sizeof nonce_bytes);
    nonce_bytes[0] &= 0x7f;
    BIGNUM* bn = BN_bin2bn(nonce_bytes, sizeof nonce_bytes, nullptr);
    IntegerPtr nonce(BN_to_ASN1_INTEGER(bn, nullptr));
    BN_free(bn);
    if (!req || !msg || !alg || !nonce || !X509_ALGOR_set0(alg.get(), OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nullptr)
        || !TS_MSG_IMPRINT_set_algo(msg.get(), alg.get())
        || !TS_MSG_IMPRINT_set_msg(msg.get(), reinterpret_cast<unsigned char*>(imprint.data()), static_cast<int>(imprint.size()))
        || !TS_REQ_set_version(req.get(), 1) || !TS_REQ_set_msg_imprint(req.get(), msg.get())
        || !TS_REQ_set_nonce(req.get(), nonce.get()) || !TS_REQ_set_cert_req(req.get(), 1)) {
        throw Error("cannot build the time-stamp query: " + openssl_error());
    }
    return der_of(i2d_TS_REQ, req.get());
}

std::string add_timestamp(const std::string& cms_der, const std::string& query, const std::string& reply, const std::string& tsa)
{
    const auto* q = reinterpret_cast<const unsigned char*>(query.data());
    TsReqPtr req(d2i_TS_REQ(nullptr, &q, static_cast<long>(query.size())));
    const auto* r = reinterpret_cast<const unsigned char*>(reply.data());
    TsRespPtr resp(d2i_TS_RESP(nullptr, &r, static_cast<long>(reply.size())));
    if (!req) {
        throw Error("internal error: unreadable time-stamp query");
    }
    if (!resp) {
        ERR_clear_error();
        throw Error(Position{tsa}, "the time-stamping authority's reply is not an RFC 3161 time-stamp response");
    }
    TS_STATUS_INFO* status = TS_RESP_get_status_info(resp.get());
    long code = ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(status));
    if (code != 0 && code != 1) { // granted, grantedWithMods
        std::string why;
        if (const STACK_OF(ASN1_UTF8STRING)* text = TS_STATUS_INFO_get0_text(status)) {
            for (int i = 0; i < sk_ASN1_UTF8STRING_num(text); ++i) {
                const ASN1_UTF8STRING* s = sk_ASN1_UTF8STRING_value(text, i);
                why += (why.empty() ? ": " : "; ")
                    + std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)), static_cast<std::size_t>(ASN1_STRING_length(s)));
            }
        }
        throw Error(Position{tsa}, "the time-stamping authority refused the request (status " + std::to_string(code) + ")" + why);
    }
    // The token answers this query: same imprint, same nonce (its signature is checked by verify).
    TsVerifyPtr ctx(TS_REQ_to_TS_VERIFY_CTX(req.get(), nullptr));
    if (ctx) {
        TS_VERIFY_CTX_set_flags(ctx.get(), TS_VFY_VERSION | TS_VFY_IMPRINT | TS_VFY_NONCE);
    }
    if (!ctx || TS_RESP_verify_response(ctx.get(), resp.get()) != 1) {
        throw Error(Position{tsa}, "the time-stamp does not answer the request: " + openssl_error());
    }
    std::string token = der_of(i2d_PKCS7, TS_RESP_get_token(resp.get()));
    CmsPtr cms = read_cms(cms_der);
    CMS_SignerInfo* si = only_signer(cms.get());
    if (CMS_unsigned_add1_attr_by_NID(si, NID_id_smime_aa_timeStampToken, V_ASN1_SEQUENCE, token.data(),
                                      static_cast<int>(token.size()))
        != 1) {
        throw Error("cannot add the time-stamp to the signature: " + openssl_error());
    }
    BioPtr out(BIO_new(BIO_s_mem()));
    if (i2d_CMS_bio(out.get(), cms.get()) != 1) {
        throw Error("cannot encode the signature: " + openssl_error());
    }
    return bio_text(out.get());
}

TimestampCheck check_timestamp(CMS_SignerInfo* si, const std::vector<std::string>& trust_paths)
{
    TimestampCheck out;
    int loc = CMS_unsigned_get_attr_by_NID(si, NID_id_smime_aa_timeStampToken, -1);
    if (loc < 0) {
        return out;
    }
    out.present = true;
    const ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(CMS_unsigned_get_attr(si, loc), 0);
    if (!value || value->type != V_ASN1_SEQUENCE) {
        out.problem = "the time-stamp attribute holds no token";
        return out;
    }
    const unsigned char* p = ASN1_STRING_get0_data(value->value.sequence);
    Pkcs7Ptr token(d2i_PKCS7(nullptr, &p, ASN1_STRING_length(value->value.sequence)));
    TsInfoPtr info(token ? PKCS7_to_TS_TST_INFO(token.get()) : nullptr);
    if (!info) {
        ERR_clear_error();
        out.problem = "the time-stamp token cannot be read";
        return out;
    }
    out.time = time_text(TS_TST_INFO_get_time(info.get()));
    X509StackPtr signers(PKCS7_get0_signers(token.get(), nullptr, 0));
    ERR_clear_error();
    X509* tsa_cert = signers && sk_X509_num(signers.get()) == 1 ? sk_X509_value(signers.get(), 0) : nullptr;
    if (signers) {
        // PKCS7_get0_signers lends its certificates: the stack's free must not free them.
        for (int i = 0; i < sk_X509_num(signers.get()); ++i) {
            X509_up_ref(sk_X509_value(signers.get(), i));
        }
    }
    if (!tsa_cert) {
        out.problem = "the time-stamp token does not carry its TSA's certificate";
        return out;
    }
    out.tsa = name_text(X509_get_subject_name(tsa_cert));
    const EVP_MD* md = EVP_get_digestbyobj(TS_MSG_IMPRINT_get_algo(TS_TST_INFO_get_msg_imprint(info.get()))->algorithm);
    if (!md) {
        out.problem = "the time-stamp uses an unknown digest";
        return out;
    }
    std::string imprint = imprint_of(si, md);
    // Checked twice: against the token's own certificates (is it intact and does it cover this
    // signature?), then against the trusted ones.
    auto verify = [&](X509_STORE* store, std::string& problem) {
        TsVerifyPtr ctx(TS_VERIFY_CTX_new());
        auto* copy = static_cast<unsigned char*>(OPENSSL_memdup(imprint.data(), imprint.size()));
        TS_VERIFY_CTX_set_imprint(ctx.get(), copy, static_cast<long>(imprint.size()));
        TS_VERIFY_CTX_set_store(ctx.get(), store); // the context frees it
        TS_VERIFY_CTX_set_flags(ctx.get(), TS_VFY_VERSION | TS_VFY_IMPRINT | TS_VFY_SIGNATURE);
        bool ok = TS_RESP_verify_token(ctx.get(), token.get()) == 1;
        if (!ok) {
            problem = openssl_error();
        }
        ERR_clear_error();
        return ok;
    };
    X509_STORE* own = X509_STORE_new();
    X509_STORE_add_cert(own, tsa_cert);
    X509_STORE_set_flags(own, X509_V_FLAG_PARTIAL_CHAIN);
    std::string problem;
    if (!verify(own, problem)) {
        out.problem = problem.find("message imprint mismatch") != std::string::npos
            ? "the time-stamp is for another signature (its imprint is not this signature's)"
            : "the time-stamp token is not valid: " + problem;
        return out;
    }
    out.valid = true;
    if (trust_paths.empty()) {
        out.problem = "no trusted certificate was given for the TSA (--trust)";
        return out;
    }
    if (verify(trust_store(trust_paths).release(), problem)) {
        out.trusted = true;
    } else {
        out.problem = "its certificate is not, and does not chain to, a --trust certificate";
    }
    return out;
}

} // namespace evpack::crypto
