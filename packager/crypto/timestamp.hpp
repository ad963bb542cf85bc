#pragma once

// RFC 3161 signature time-stamps: asking a time-stamping authority (TSA) to date a signature
// value, and keeping its token in the signature (PAdES B-T, CAdES-T). The HTTP exchange itself
// is net::post's.

#include <string>

namespace evpack::crypto {

// The time-stamp query (DER, application/timestamp-query) for the signature value of cms's only
// signer: SHA-256 imprint, a random nonce, the TSA's certificate requested.
std::string timestamp_query(const std::string& cms);

// cms with the TSA's token added to its signer as the unsigned attribute
// id-aa-signatureTimeStampToken. The reply (DER, application/timestamp-reply) must grant the
// query and answer it (same imprint and nonce); otherwise throws Error naming tsa.
std::string add_timestamp(const std::string& cms, const std::string& query, const std::string& reply, const std::string& tsa);

} // namespace evpack::crypto
