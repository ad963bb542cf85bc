#include "cli/args.hpp"
#include "cli/commands.hpp"

#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/terminal.hpp"
#include "verify/batch.hpp"
#include "verify/report_html.hpp"
#include "verify/verify.hpp"

#include <cstdio>
#include <sys/stat.h>

namespace evpack::cli {

namespace {

const char* help = R"(usage: evpack verify PACKAGE... | FOLDER... [--trust CERT_OR_CA]... [--json]
                     [--csv FILE] [--report DIR] [--jobs N] [--quiet]

Checks a received package (zip or tar) without extracting it:
  structure     bagit.txt and bag-info.txt well-formed (RFC 8493: LF, CR or
                CRLF line ends, labels in any case), Payload-Oxum present and
                matching, no fetch.txt (evpack never fetches)
  integrity     every file's SHA-256 matches; nothing missing, nothing added;
                other manifests (e.g. SHA-512) list the same files, and tag
                manifests of other algorithms match too
  signature     signature.p7s is a valid CMS signature of the tag manifest,
                by a signer that is, or chains to, a --trust certificate
  appendix signature
                data/appendix.pdf's PDF signature (PAdES) is valid, covers
                the whole file (nothing appended, nothing cut off) and was
                made with the package's certificate; its signer and signing
                time (/M) are shown
  completeness  the manifest inside against its form: every indicator, in
                order, with evidence or 无; the form inside against the
                built-in form of the same id
  appendix      bookmarks point at the recorded page ranges, each bound page
                still carries its evidence file's content, the bookmarks of
                each PDF are its original's (titles and pages), and every
                see = "10-2" shows the pages of the document it cites
An unsigned package or appendix, or one signed by a certificate not given
with --trust, fails. A signature time-stamp (build --tsa) is checked too: it
must be intact and date that very signature; its TSA and time are shown, and
whether the TSA is a --trust certificate (or chains to one). A package is
untrusted input: absolute or '..' names, links, devices, repeated names,
archive bombs and truncated archives are refused before any check runs. PDFs and PNGs are read page by page where they lie in a zip
package (stored entries, as build writes them); from a tar package or a
compressed entry they are copied, as they are hashed, into a private folder
under $TMPDIR, removed when verify ends. Every string taken from a package
is printed with control characters shown as escapes (\x1b, \u202e).

Many packages: give several, or a folder (every .zip and .tar directly in
it). They are verified in parallel, one per core (--jobs), each in bounded
memory; one line per package (verdict, package, alliance, form, signer,
indicators with evidence / 无 / missing, appendix pages, self-score, what
failed) and a total. A package that cannot be read, or is hostile, is a
failed line; the others are verified all the same.

options:
  --trust FILE   a PEM certificate to trust: a CA, or the signer's own
                 certificate, or a time-stamping authority's; may be repeated
  --json         print the result as one JSON document (for many packages:
                 totals and an array of results); also when the archive is
                 refused, with the reason
  --csv FILE     also write the table to FILE for a spreadsheet (UTF-8 with
                 a byte-order mark, as Excel expects)
  --report DIR   also write a self-contained HTML page per package into DIR
                 (created if missing), and for many packages DIR/index.html
                 linking them, failed ones first; no script, no network
  -j, --jobs N   packages verified at once (default: one per core)
  --quiet        no progress display
  -h, --help

exit status: 0 every package passes every check, 1 a package fails a check
             or cannot be read safely (or, of many, cannot be read at all),
             2 usage or I/O error (one package that cannot be opened; a
             --trust file, --csv or --report that cannot be used)
)";

bool is_folder(const std::string& path)
{
    struct stat st{};
    return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

unsigned parse_jobs(const std::optional<std::string>& value)
{
    if (!value) {
        return 0;
    }
    std::size_t end = 0;
    unsigned long n = 0;
    try {
        n = std::stoul(*value, &end);
    } catch (const std::exception&) {
        end = 0;
    }
    if (end != value->size() || n < 1 || n > 256) {
        throw UsageError("evpack verify: --jobs takes a number from 1 to 256");
    }
    return static_cast<unsigned>(n);
}

} // namespace

int run_verify(const Argv& argv)
{
    if (wants_help(argv, help)) {
        return exit_ok;
    }
    Args args("verify", argv);
    args.option("--trust", "", true).option("--csv").option("--report").option("--jobs", "-j");
    args.flag("--json").flag("--quiet", "-q").parse();
    const std::vector<std::string>& paths = args.positionals();
    if (paths.empty()) {
        throw UsageError("evpack verify: which package? (evpack verify PACKAGE... --trust CERT)");
    }
    bool json = args.has("--json");
    bool batch = paths.size() > 1 || is_folder(paths[0]);
    verify::BatchOptions options;
    options.verify.trust = args.get_all("--trust");
    options.progress = !args.has("--quiet") && !json;
    options.verify.progress = options.progress;
    options.jobs = parse_jobs(args.get("--jobs"));
    std::vector<verify::Report> reports;
    if (batch) {
        reports = verify::run_batch(verify::list_packages(paths), options);
    } else {
        reports.push_back(verify::run(paths[0], options.verify));
    }
    if (auto csv = args.get("--csv")) {
        util::write_file_atomic(*csv, verify::format_csv(reports));
    }
    if (auto dir = args.get("--report")) {
        verify::write_report(*dir, reports, batch);
    }
    bool all_ok = true;
    for (const verify::Report& r : reports) {
        all_ok = all_ok && r.ok();
    }
    if (batch) {
        std::fputs((json ? verify::format_batch_json(reports) : verify::format_table(reports)).c_str(), stdout);
        return all_ok ? exit_ok : exit_problems;
    }
    const verify::Report& report = reports.front();
    if (json || !report.refused) {
        std::fputs((json ? verify::format_json(report) : verify::format_text(report)).c_str(), stdout);
    }
    if (report.refused) {
        std::fflush(stdout);
        std::fprintf(stderr, "evpack: error: %s\n", util::terminal_safe(*report.refused).c_str());
        return report.refused_io ? exit_usage : exit_problems;
    }
    return all_ok ? exit_ok : exit_problems;
}

} // namespace evpack::cli
