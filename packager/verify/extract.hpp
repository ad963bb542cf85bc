#pragma once

#include "verify/verify.hpp"

#include <cstdint>
#include <string>

namespace evpack::verify {

struct ExtractOptions
{
    Options verify;
    bool force = false; // extract a package that fails a check, with UNVERIFIED.txt first
};

struct ExtractResult
{
    Report report;
    bool extracted = false;
    std::size_t files = 0;
    std::uint64_t bytes = 0;
};

// Verifies a package and, only if every check passes (or with force), writes the bag it holds
// into out_dir: bagit.txt and the other tag files, data/appendix.pdf, data/evpack.toml,
// data/form.toml and the original evidence files, names as in the package. out_dir must not
// exist; it appears whole or not at all (a temporary folder beside it, renamed into place; removed
// on any failure or Ctrl-C). Only plain files (mode 0644) and folders (0755) are made, each name
// checked again to stay inside, and each file's SHA-256 must be the one verify saw: a package
// changed in between is an Error. A forced extraction starts with UNVERIFIED.txt, listing what
// failed. An archive refused as unreadable or hostile is never extracted, forced or not.
// Throws UsageError when out_dir exists, IoError when it cannot be written.
ExtractResult extract(const std::string& package_path, const std::string& out_dir, const ExtractOptions& options);

} // namespace evpack::verify
