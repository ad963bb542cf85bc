#pragma once

// Internal to verify/: what one pass over a package collects, and the five checks run on it.
// Each check appends its findings to the report; none reads the archive again.

#include "pdf/fingerprint.hpp"
#include "check/check.hpp"
#include "verify/verify.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace evpack::verify {

inline const std::set<std::string> tag_files = {"bagit.txt", "bag-info.txt", "manifest-sha256.txt", "tagmanifest-sha256.txt",
                                                "signature.p7s"};

struct Entry
{
    std::string sha256;
    std::uint64_t size = 0;
};

struct Collected
{
    std::map<std::string, Entry> entries;          // relative to the bag's folder
    std::map<std::string, std::string> texts;      // tag files, data/evpack.toml, data/form.toml
    std::optional<pdf::AppendixFacts> appendix;
    std::string appendix_problem;
    std::map<std::string, std::optional<std::vector<std::string>>> evidence; // data/evidence/... -> page fingerprints
    std::map<std::string, std::vector<pdf::AppendixOutline>> evidence_outlines; // a PDF's own bookmarks
    std::map<std::string, std::string> evidence_problem;
};

// Reads the package once: hashes every entry, keeps the tag files and the packaged manifest and
// form, and fingerprints the appendix and the evidence (on a second thread). Throws Error for an
// archive that cannot be read safely, IoError when it cannot be opened.
Collected collect(const std::string& path, Report& report, bool show_progress);

// "Label: value" lines of bagit.txt / bag-info.txt (continuation lines joined).
std::map<std::string, std::string> parse_bag_info(const std::string& text);

void check_structure(const Collected& c, Report& r);
void check_integrity(const Collected& c, Report& r);
void check_signature(const Collected& c, Report& r, const Options& options);
// Returns the packaged manifest and form (as check read them) when they could be read, for the
// appendix check.
std::optional<check::Report> check_completeness(const Collected& c, Report& r);
void check_appendix(const Collected& c, const std::optional<check::Report>& packaged, Report& r);

} // namespace evpack::verify
