#pragma once

#include "verify/verify.hpp"

#include <string>
#include <vector>

namespace evpack::verify {

// The packages named on a command line: each folder stands for the .zip and .tar files directly
// in it (sorted by name, any case of the extension); anything else is taken as a package, so that
// a missing or unreadable one becomes a failed row. Throws UsageError for a folder without packages.
std::vector<std::string> list_packages(const std::vector<std::string>& paths);

struct BatchOptions
{
    Options verify;     // its progress flag is ignored: one line for the batch instead
    unsigned jobs = 0;  // packages verified at once; 0: one per core
    bool progress = false;
};

// Verifies every package, several at once. Each verify streams its package with bounded memory
// (and parses on a second thread), so at most `jobs` run together: peak memory stays about jobs
// times one verify's. A package that cannot be read, is hostile or makes verify fail in any way
// is a refused report in its place, never the end of the batch. Reports are in the order given.
// Throws only for what concerns every package (an unreadable --trust file).
std::vector<Report> run_batch(const std::vector<std::string>& packages, const BatchOptions& options);

// One line per package (verdict, package, alliance, form, signer, indicators with evidence / 无 /
// missing, pages, self-score, what failed) and a total; each string from a package made safe.
std::string format_table(const std::vector<Report>& reports);
// One JSON document: the totals and an array of the reports as `verify --json` prints them.
std::string format_batch_json(const std::vector<Report>& reports);
// The table of format_table for a spreadsheet: UTF-8 with a byte-order mark (Excel on Chinese
// Windows reads a CSV without one as GBK), CRLF line ends, cells that would start a formula
// prefixed with an apostrophe.
std::string format_csv(const std::vector<Report>& reports);

// What failed: the failing checks' names ("integrity, signature"), or "refused: " and why.
std::string what_failed(const Report& report);

// The signer's common name (else the whole subject), or "unsigned".
std::string signer_name(const Report& report);

} // namespace evpack::verify
