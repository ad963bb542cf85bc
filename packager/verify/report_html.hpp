#pragma once

#include "verify/verify.hpp"

#include <string>
#include <vector>

namespace evpack::verify {

// A package's page: one self-contained HTML file (no script, no external file, no network:
// Content-Security-Policy default-src 'none', inline styles only) that opens from file://. The
// verdict comes first, then the checks and their findings, the signer's certificate, and the
// indicator table in the form's order (id, title, points and self-score; each document with its
// number, date, members, pages and SHA-256; 无 with its reason). Renders the Report that
// `verify --json` prints; every string from the package is HTML-escaped, with control
// characters shown as escapes. index_href: a link back to the batch's index, or empty.
std::string format_html(const Report& report, const std::string& index_href);

// A batch's index: one row per package, failed ones first, then by alliance, each linking to
// its page (pages[i] is reports[i]'s file name, beside the index).
std::string format_index_html(const std::vector<Report>& reports, const std::vector<std::string>& pages);

// Writes a page per report into dir (created if missing), and with more than one report (or
// with `index`) an index.html; each file atomically. Page names come from the packages' file
// names ("x.zip" -> "x.zip.html"), made unique. Returns the paths written, index last.
std::vector<std::string> write_report(const std::string& dir, const std::vector<Report>& reports, bool index);

} // namespace evpack::verify
