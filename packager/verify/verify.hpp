#pragma once

#include "crypto/cms.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace evpack::verify {

// One line of the verdict: which check, whether it passed, and what it found.
struct Finding
{
    std::string check; // "structure", "integrity", "signature", "completeness", "appendix"
    bool ok = true;
    std::string message;
};

struct Report
{
    std::string package;
    std::string bag_name;
    std::vector<Finding> findings;
    bool signed_package = false;
    crypto::SignatureCheck signature;
    std::size_t payload_files = 0;
    std::uint64_t payload_bytes = 0;

    bool ok() const;
};

struct Options
{
    std::vector<std::string> trust; // PEM files: CA certificates or the signer's own certificate
    bool progress = false;
};

// Verifies a received package without extracting it: structure (BagIt), integrity (every
// checksum, nothing missing or extra), signature (valid and trusted), completeness (the manifest
// inside against its form, and that form against the built-in one of the same id), and that the
// appendix's bookmarks and pages still carry the evidence they claim. Throws Error for an archive
// that cannot be read safely (hostile names, links, bombs, truncation), IoError when the package
// cannot be opened.
Report run(const std::string& package_path, const Options& options);

std::string format_text(const Report& report);
std::string format_json(const Report& report);

} // namespace evpack::verify
