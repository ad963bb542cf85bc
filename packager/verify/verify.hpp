#pragma once

#include "crypto/cades.hpp"
#include "crypto/cms.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace evpack::verify {

// One line of the verdict: which check, whether it passed, and what it found.
struct Finding
{
    std::string check; // "structure", "integrity", "signature", "completeness", "appendix"
    bool ok = true;
    std::string message;
};

// One document of an indicator as the packaged manifest records it.
struct Document
{
    std::string number;                // "10-2": as build recorded it, else <indicator id>-<n> by position
    std::string title;
    std::string date;                  // YYYY-MM-DD, or empty
    std::vector<std::string> members;
    std::string file;                  // "data/evidence/...", empty for a `see` entry
    std::optional<std::string> see;    // cites a document bound elsewhere, by its number
    std::string sha256;                // as recorded
    std::optional<std::pair<int, int>> pages; // in the appendix
};

// One indicator of the form, with what the package shows for it.
struct IndicatorRow
{
    std::string id;
    std::string title;           // the packaged form's (empty if it cannot be read)
    std::string group;           // the form group's id
    std::optional<int> points;   // the form's
    std::optional<double> score; // the alliance's self-assessed points
    std::string status;          // "evidence", "无" or "missing" (not in the manifest)
    std::string none;            // 无: the reason
    std::string summary;
    std::vector<Document> documents;
    std::optional<std::pair<int, int>> pages;
};

struct Group
{
    std::string id;
    std::string title;
    std::optional<int> points;
};

// What the package says about itself: read from the packaged manifest (data/evpack.toml) and form
// (data/form.toml), else from bag-info.txt. Shown to the reviewer whatever the verdict; trusted
// only when the verdict is OK.
struct Contents
{
    std::string organization;
    std::string title;
    std::string form_id;
    std::string form_title;
    std::vector<Group> groups;
    std::vector<IndicatorRow> indicators; // the form's indicators in its order, then any others
    int with_evidence = 0;
    int none = 0;
    int missing = 0;
    int pages = 0;                         // the appendix's
    std::optional<int> points;             // the form's total
    std::optional<double> score;           // the self-scores' total, when any is given
};

struct Report
{
    std::string package;
    std::string bag_name;
    // Why the archive was refused before any check ran (hostile names, links, a bomb, truncation,
    // not an archive, cannot be opened): the one finding, and no checks.
    std::optional<std::string> refused;
    bool refused_io = false; // the package could not be opened (exit 2 when verified alone)
    std::vector<Finding> findings;
    bool signed_package = false;
    crypto::SignatureCheck signature;
    // The appendix's own PDF signature, when it has one.
    bool signed_appendix = false;
    crypto::CadesCheck appendix_signature;
    std::string appendix_signing_time; // the PDF's /M, "YYYY-MM-DD HH:MM:SS UTC"
    std::size_t payload_files = 0;
    std::uint64_t payload_bytes = 0;
    std::optional<Contents> contents;

    bool ok() const;
    std::size_t problems() const;
};

struct Options
{
    std::vector<std::string> trust; // PEM files: CA certificates or the signer's own certificate
    bool progress = false;
};

// Verifies a received package without extracting it: structure (BagIt), integrity (every
// checksum, nothing missing or extra), signature (valid and trusted; any time-stamp valid),
// the appendix's PDF signature (valid, over the whole file, by the package's signer), completeness (the manifest
// inside against its form, and that form against the built-in one of the same id), and that the
// appendix's bookmarks and pages still carry the evidence they claim. An archive that cannot be
// read safely (hostile names, links, bombs, truncation) or opened is a Report with `refused`
// set. Throws only for what is not the package's fault (an unreadable --trust file).
Report run(const std::string& package_path, const Options& options);

// The verdict with every finding, for a terminal: each string from the package made safe.
std::string format_text(const Report& report);
// One JSON document, also for a refused package.
std::string format_json(const Report& report);

} // namespace evpack::verify
