#pragma once

// Internal to verify/: what one pass over a package collects, and the five checks run on it.
// Each check appends its findings to the report; none reads the archive again.

#include "crypto/sha256.hpp"
#include "pdf/fingerprint.hpp"
#include "check/check.hpp"
#include "verify/verify.hpp"

#include <cstdint>
#include <map>
#include <memory>
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

// The appendix's bytes hashed as they stream past, once for both its checksum and its
// signature, which leaves out its slot (/Contents): that is known only once the file is parsed,
// so the last tail_bytes wait in memory until then. evpack writes the slot at the end of its
// signature update, so it is always among them; the file is neither read nor hashed twice.
class SignedBytes
{
public:
    static constexpr std::size_t tail_bytes = 1 << 20;
    // The entry's size when known (a stored zip entry): bytes before its last tail_bytes are then
    // hashed where they are, not copied.
    void expect_size(std::uint64_t size) { m_expected = size; }
    void update(const char* data, std::size_t n);
    std::uint64_t size() const { return m_hashed + m_tail.size(); }
    // SHA-256 of everything so far, hex (the entry's checksum).
    std::string hex_digest() const;
    // SHA-256 (raw) of [0, from) and [to, size()), and the bytes [from, to); nullopt when from
    // lies before the last tail_bytes or the range is not within the file.
    std::optional<std::pair<std::string, std::string>> digest_without(std::uint64_t from, std::uint64_t to);
    // The last bytes of the file (up to tail_bytes).
    const std::string& tail() const { return m_tail; }

private:
    crypto::Sha256 m_hash;
    std::uint64_t m_hashed = 0;
    std::string m_tail;
    std::optional<std::uint64_t> m_expected;
};

struct Collected
{
    std::map<std::string, Entry> entries;          // relative to the bag's folder
    std::map<std::string, std::string> texts;      // every tag file (outside data/), data/evpack.toml, data/form.toml
    std::optional<pdf::AppendixFacts> appendix;
    std::string appendix_problem;
    std::unique_ptr<SignedBytes> appendix_bytes = std::make_unique<SignedBytes>();
    std::map<std::string, std::optional<std::vector<std::string>>> evidence; // data/evidence/... -> page fingerprints
    std::map<std::string, std::vector<pdf::AppendixOutline>> evidence_outlines; // a PDF's own bookmarks
    std::map<std::string, std::string> evidence_problem;
    std::map<std::string, evidence::FileType> evidence_types; // by content, from the first bytes
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
// "; time-stamped <time> by <TSA> (trusted)" for a signature's time-stamp, "" without one.
std::string timestamp_text(const crypto::TimestampCheck& t);
void check_appendix_signature(Collected& c, Report& r, const Options& options);
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
