#pragma once

// Signing the finished appendix: a PAdES baseline signature (ETSI.CAdES.detached) appended as an
// incremental update, so that the unsigned appendix stays an identical prefix of the signed one.

#include "pdf/appendix.hpp"
#include "pdf/seal.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace evpack::pdf {

struct SignOptions
{
    std::int64_t signing_time = 0; // /M, seconds since the epoch (SOURCE_DATE_EPOCH when set)
    std::string name;              // /Name: who signs (the organization)
    std::string reason;            // /Reason, optional
    // With a seal, the signature's widget on page 1 shows it, fitted into seal_box (lower right of
    // the cover when absent); without one the signature is invisible.
    const SealImage* seal = nullptr;
    std::optional<AppendixLayout::Box> seal_box;
    std::size_t reserve = 8192; // bytes (DER) kept for the CMS; the update is made once more if too few
};

// Makes the CMS (DER) for the SHA-256 (32 bytes) of the signed bytes: everything but /Contents.
using CmsMaker = std::function<std::string(const std::string& digest)>;

struct SignResult
{
    std::uint64_t unsigned_size = 0; // the unsigned appendix: an identical prefix of the signed one
    std::uint64_t signed_size = 0;
    std::size_t cms_size = 0;
    std::string sha256;              // of the whole signed file, hex: hashed with the signature's digest

    AppendixLayout::Box box;         // where the widget is (0 0 0 0: invisible)
};

// Appends the signature update to the PDF at path, which evpack's appendix writer made (a
// classic xref table, no earlier signature). Reads the file once, to hash it: the signature's
// digest and the signed file's SHA-256 share that pass. Throws Error /
// IoError naming path; on failure the file may be left signed in part, so the caller's atomic
// temporary file must be discarded.
SignResult sign_appendix(const std::string& path, const SignOptions& options, const CmsMaker& make_cms);

// The default seal box on an A4 cover: lower right, above the bottom margin, the seal's aspect kept.
AppendixLayout::Box default_seal_box(const SealImage& seal);

} // namespace evpack::pdf
