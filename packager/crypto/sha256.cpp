#include "crypto/sha256.hpp"

#include "util/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/provider.h>
#include <vector>

namespace evpack::crypto {

namespace {

std::string to_hex(const unsigned char* md, unsigned int len)
{
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < len; ++i) {
        out += hex[md[i] >> 4];
        out += hex[md[i] & 15];
    }
    return out;
}

} // namespace

struct Sha256::Impl
{
    EVP_MD_CTX* ctx = nullptr;
};

Sha256::Sha256() : m_impl(std::make_unique<Impl>())
{
    m_impl->ctx = EVP_MD_CTX_new();
    if (!m_impl->ctx || EVP_DigestInit_ex(m_impl->ctx, EVP_sha256(), nullptr) != 1) {
        throw Error("SHA-256 unavailable in OpenSSL");
    }
}

Sha256::Sha256(const Sha256& other) : m_impl(std::make_unique<Impl>())
{
    m_impl->ctx = EVP_MD_CTX_new();
    if (!m_impl->ctx || EVP_MD_CTX_copy_ex(m_impl->ctx, other.m_impl->ctx) != 1) {
        throw Error("SHA-256 copy failed");
    }
}

Sha256::~Sha256() { EVP_MD_CTX_free(m_impl->ctx); }

void Sha256::update(const void* data, std::size_t size)
{
    if (size > 0 && EVP_DigestUpdate(m_impl->ctx, data, size) != 1) {
        throw Error("SHA-256 update failed");
    }
}

std::string Sha256::digest()
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(m_impl->ctx, md, &len) != 1) {
        throw Error("SHA-256 final failed");
    }
    return std::string(reinterpret_cast<char*>(md), len);
}

std::string Sha256::hex_digest()
{
    std::string raw = digest();
    return to_hex(reinterpret_cast<const unsigned char*>(raw.data()), static_cast<unsigned int>(raw.size()));
}

std::string sha256_hex(std::string_view data)
{
    Sha256 h;
    h.update(data.data(), data.size());
    return h.hex_digest();
}

std::optional<std::string> digest_hex(const std::string& algorithm, std::string_view data)
{
    std::unique_ptr<EVP_MD, void (*)(EVP_MD*)> md(EVP_MD_fetch(nullptr, algorithm.c_str(), nullptr), EVP_MD_free);
    ERR_clear_error();
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (!md || EVP_Digest(data.data(), data.size(), out, &len, md.get(), nullptr) != 1) {
        ERR_clear_error();
        return std::nullopt;
    }
    return to_hex(out, len);
}

std::string sha256_file(const std::string& path, std::uint64_t* size)
{
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) {
        throw IoError(Position{path}, std::string("cannot open: ") + std::strerror(errno));
    }
    Sha256 h;
    std::vector<char> buf(1 << 20);
    std::uint64_t total = 0;
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) {
        h.update(buf.data(), n);
        total += n;
    }
    bool failed = std::ferror(f) != 0;
    std::fclose(f);
    if (failed) {
        throw IoError(Position{path}, "cannot read");
    }
    if (size) {
        *size = total;
    }
    return h.hex_digest();
}

void enable_legacy_algorithms()
{
    // Loaded once for the life of the process, unloaded at exit (before OpenSSL's own cleanup,
    // which was registered earlier): valgrind saw the legacy provider lost otherwise.
    struct Providers
    {
        OSSL_PROVIDER* default_provider = OSSL_PROVIDER_load(nullptr, "default");
        OSSL_PROVIDER* legacy_provider = OSSL_PROVIDER_load(nullptr, "legacy");
        ~Providers()
        {
            for (OSSL_PROVIDER* p : {legacy_provider, default_provider}) {
                if (p) {
                    OSSL_PROVIDER_unload(p);
                }
            }
        }
    };
    static Providers providers;
    ERR_clear_error();
}

} // namespace evpack::crypto
