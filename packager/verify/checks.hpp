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

struct Entry
{
    std::string sha256;
    std::uint64_t size = 0;
};

struct Collected
{
    std::map<std::string, Entry> entries;          // relative to the bag's folder
    std::map<std::string, std::string> texts;      // every tag file (outside data/), data/evpack.toml, data/form.toml
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

// The lines of a tag file. RFC 8493 ends a line with LF, CR or CRLF; a leading byte-order mark
// (which bagit.txt must not have, and the structure check reports) is dropped.
std::vector<std::string> tag_lines(const std::string& text);

// "Label: value" lines of bagit.txt / bag-info.txt, continuation lines joined. Labels are
// lowercased (RFC 8493's reserved labels are case-insensitive) and keep their first value; a
// space or a tab may follow the colon.
std::map<std::string, std::string> parse_bag_info(const std::string& text);

// Up to n fields of a line separated by spaces or tabs (RFC 8493's "linear whitespace"); the
// last holds the rest of the line as it is, spaces included. Fewer when the line has fewer.
std::vector<std::string> split_fields(const std::string& line, std::size_t n);

std::string ascii_lower(std::string s);

// Why an entry's text is not in c.texts: "is missing", or "is too large to read".
std::string why_no_text(const Collected& c, const std::string& rel);

void check_structure(const Collected& c, Report& r);
void check_integrity(const Collected& c, Report& r);
void check_signature(const Collected& c, Report& r, const Options& options);
// Returns the packaged manifest and form (as check read them) when they could be read, for the
// appendix check.
std::optional<check::Report> check_completeness(const Collected& c, Report& r);
void check_appendix(const Collected& c, const std::optional<check::Report>& packaged, Report& r);

// What the packaged manifest and form (else bag-info.txt) say, for the reviewer's table; not a
// check: it finds nothing, and reads what the checks have read.
std::optional<Contents> read_contents(const Collected& c, const std::optional<manifest::Manifest>& m);

// run(), keeping each entry's SHA-256 and size for a caller that reads the package again
// (extract: what it writes must be what was verified).
Report run(const std::string& package_path, const Options& options, std::map<std::string, Entry>* entries);

} // namespace evpack::verify
