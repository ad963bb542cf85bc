#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace evpack::crypto {

// Incremental SHA-256 (OpenSSL EVP).
class Sha256
{
public:
    Sha256();
    ~Sha256();
    // A copy of the state so far: two digests that share a prefix hash it once.
    Sha256(const Sha256& other);
    Sha256& operator=(const Sha256&) = delete;

    void update(const void* data, std::size_t size);
    // Lowercase hex digest; the object cannot be updated afterwards.
    std::string hex_digest();
    // The 32 bytes themselves; the same.
    std::string digest();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

std::string sha256_hex(std::string_view data);
// data's digest by an algorithm named as BagIt manifests name theirs ("sha512", "sha1", "md5"),
// lowercase hex; nullopt for a name OpenSSL does not know.
std::optional<std::string> digest_hex(const std::string& algorithm, std::string_view data);
// Hashes a file in 1 MiB blocks; throws IoError naming it.
std::string sha256_file(const std::string& path, std::uint64_t* size = nullptr);

// Loads OpenSSL's "default" and "legacy" providers so that PDFs encrypted with RC4 can be read.
// Safe to call more than once.
void enable_legacy_algorithms();

} // namespace evpack::crypto
