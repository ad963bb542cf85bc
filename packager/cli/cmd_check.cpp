#include "cli/args.hpp"
#include "cli/commands.hpp"

#include "check/check.hpp"
#include "check/report.hpp"

#include <cstdio>

namespace evpack::cli {

namespace {

const char* help = R"(usage: evpack check [MANIFEST] [--json] [--quiet]

Checks a manifest (default: evpack.toml) against its form and opens every
evidence file: indicators missing, unknown, repeated or out of the form's
order; evidence files missing, outside the manifest's folder, of the wrong
type, damaged or encrypted; the same content listed twice; joint work with
too few alliance members; dates outside the form's data period; unexpected
kinds of evidence.

Each finding is printed as FILE:LINE:COL: SEVERITY: MESSAGE [CODE] on
stderr, then a table with one row per indicator on stdout.

The manifest is UTF-8; one saved by Notepad as UTF-16 ("Unicode") or as
GBK ("ANSI") is converted with a warning saying how to save it as UTF-8,
where the encoding is certain (manifest/FORMAT.md says when), else it is
an error. Curly quotes, dates written 2024/09/10 or 2024年9月10日, paths
with backslashes and full-width commas are reported in those words with
the corrected line, and checking goes on. A missing file, member or
indicator gets the nearest existing one ("did you mean ...?"); a file
named in NFD on disk (copied from a Mac) is found under its NFC name.
Files in an indicator's folder that the manifest does not list are
warned about ('evpack init --update' adds them).

Photos (HEIC, WebP, GIF, BMP) are checked as images: one page each; an
animated GIF is warned about (only its first frame is bound).
Office files (Word, Excel, PowerPoint, OpenDocument, RTF, WPS) are rendered
to PDF with LibreOffice to count their pages: all at once, from the cache in
$XDG_CACHE_HOME/evpack/renderings when it has them (then LibreOffice is not
started). A file that cannot be rendered (empty, damaged, protected by a
password, not what its content starts like, out of time) is an error at its
line; without LibreOffice each Office file says how to install it:
  apt-get install libreoffice-writer-nogui libreoffice-calc-nogui \
                  libreoffice-impress-nogui
Page counts may differ from Word's, because the fonts differ.

options:
  --json     print the findings and the table as one JSON document
  --quiet    no progress display
  -h, --help

exit status: 0 no errors (warnings allowed), 1 errors found,
             2 usage or I/O error (e.g. the manifest cannot be read)
)";

} // namespace

int run_check(const Argv& argv)
{
    if (wants_help(argv, help)) {
        return exit_ok;
    }
    Args args("check", argv);
    args.flag("--json").flag("--quiet", "-q").parse();
    std::string path = args.positional(0, "evpack.toml", 1);
    check::Options options;
    options.progress = !args.has("--quiet") && !args.has("--json");
    check::Report report = check::run(path, options);
    if (args.has("--json")) {
        std::fputs(check::format_json(report).c_str(), stdout);
    } else {
        std::fputs(check::format_diagnostics(report.diagnostics).c_str(), stderr);
        std::fflush(stderr);
        std::fputs(check::format_summary(report).c_str(), stdout);
    }
    return report.ok() ? exit_ok : exit_problems;
}

} // namespace evpack::cli
