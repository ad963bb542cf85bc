#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace evpack::crypto {

enum class KeyType { ec_p256, rsa_3072 };

// Writes DIR/key.pem (mode 0600) and DIR/cert.pem: a new key and a self-signed X.509 certificate
// naming the organization (CN and O), valid for ten years, usable for signing.
struct KeyPair
{
    std::string key_path;
    std::string cert_path;
    std::string fingerprint; // SHA-256 of the certificate, hex
};
KeyPair generate_key(const std::string& dir, const std::string& organization, KeyType type, bool overwrite);

// A detached CMS (PKCS#7) signature over data, DER. cert_path holds the signer's certificate
// followed by any chain certificates, PEM. The signing time is signing_time (seconds since the
// epoch). Throws Error naming the key or certificate file on failure.
std::string sign_detached(const std::string& data, const std::string& key_path, const std::string& cert_path,
                          std::int64_t signing_time);

struct SignerInfo
{
    std::string subject;
    std::string issuer;
    std::string fingerprint; // SHA-256 of the signer's certificate, hex
    std::string not_before;  // "YYYY-MM-DD HH:MM:SS UTC"
    std::string not_after;
};

// An RFC 3161 signature time-stamp carried by a signature (the signer's unsigned attribute
// id-aa-signatureTimeStampToken, as PAdES B-T and CAdES-T have it).
struct TimestampCheck
{
    bool present = false;
    bool valid = false;   // the token is intact, signed by its TSA, and covers this very signature value
    bool trusted = false; // the TSA's certificate chains to, or is, one of the trusted certificates
    std::string tsa;      // the TSA certificate's subject
    std::string time;     // the token's time, "YYYY-MM-DD HH:MM:SS UTC"
    std::string problem;  // why not valid / not trusted
};

struct SignatureCheck
{
    bool valid = false;   // the signature matches the data
    bool trusted = false; // the signer chains to, or is, one of the trusted certificates
    SignerInfo signer;
    std::string problem;  // why not valid / not trusted
    TimestampCheck timestamp;
};

// Reads a PEM (or DER) file of certificates and says how many it holds: throws Error naming the
// file when it holds none, IoError when it cannot be read.
std::size_t read_certificates(const std::string& path);

// Checks a detached DER signature over data; trust_paths are PEM files of CA or signer
// certificates. Never throws for a bad signature.
SignatureCheck verify_detached(const std::string& signature, const std::string& data,
                               const std::vector<std::string>& trust_paths);

} // namespace evpack::crypto
