#pragma once

// CAdES signatures over content hashed elsewhere: the CMS of a PDF's PAdES signature, whose
// content (the file less the signature's own slot) is hashed as it is read, never held whole.

#include "crypto/cms.hpp"

#include <string>
#include <vector>

namespace evpack::crypto {

// A detached CMS SignedData (DER) over content whose SHA-256 is digest (32 bytes), as a PAdES
// baseline signature wants it: SHA-256, signed attributes contentType, messageDigest and
// signingCertificateV2, and no signingTime (the PDF's /M carries the time). cert_path holds the
// signer's certificate followed by any chain certificates (PEM). Throws Error naming the key or
// certificate file on failure.
std::string sign_cades(const std::string& digest, const std::string& key_path, const std::string& cert_path);

struct CadesCheck : SignatureCheck
{
    bool signing_certificate_v2 = false; // present and naming the signer's certificate
};

// Checks a detached CMS signature whose content has the SHA-256 digest given: one signer, SHA-256,
// the messageDigest attribute equal to digest, the signature over the signed attributes valid;
// then trust (trust_paths: PEM files of CA or signer certificates) and any signature time-stamp.
// Never throws for a bad signature.
CadesCheck verify_cades(const std::string& signature, const std::string& digest, const std::vector<std::string>& trust_paths);

} // namespace evpack::crypto
