#include "cli/args.hpp"
#include "cli/commands.hpp"

#include "util/error.hpp"
#include "util/terminal.hpp"
#include "verify/verify.hpp"

#include <cstdio>

namespace evpack::cli {

namespace {

const char* help = R"(usage: evpack verify PACKAGE [--trust CERT_OR_CA]... [--json] [--quiet]

Checks a received package (zip or tar) without extracting it:
  structure     bagit.txt and bag-info.txt well-formed (RFC 8493: LF, CR or
                CRLF line ends, labels in any case), Payload-Oxum present and
                matching, no fetch.txt (evpack never fetches)
  integrity     every file's SHA-256 matches; nothing missing, nothing added;
                other manifests (e.g. SHA-512) list the same files, and tag
                manifests of other algorithms match too
  signature     signature.p7s is a valid CMS signature of the tag manifest,
                by a signer that is, or chains to, a --trust certificate
  completeness  the manifest inside against its form: every indicator, in
                order, with evidence or 无; the form inside against the
                built-in form of the same id
  appendix      bookmarks point at the recorded page ranges, and each bound
                page still carries its evidence file's content
An unsigned package, or one signed by a certificate not given with --trust,
fails. A package is untrusted input: absolute or '..' names, links, devices,
repeated names, archive bombs and truncated archives are refused before any
check runs. PDFs and PNGs are read page by page where they lie in a zip
package (stored entries, as build writes them); from a tar package or a
compressed entry they are copied, as they are hashed, into a private folder
under $TMPDIR, removed when verify ends. Every string taken from a package
is printed with control characters shown as escapes (\x1b, \u202e).

options:
  --trust FILE   a PEM certificate to trust: a CA, or the signer's own
                 certificate; may be repeated
  --json         print the result as one JSON document; also when the
                 archive is refused, with the reason
  --quiet        no progress display
  -h, --help

exit status: 0 every check passed, 1 the package fails a check or cannot be
             read safely, 2 usage or I/O error
)";

} // namespace

int run_verify(const Argv& argv)
{
    if (wants_help(argv, help)) {
        return exit_ok;
    }
    Args args("verify", argv);
    args.option("--trust", "", true).flag("--json").flag("--quiet", "-q").parse();
    std::string package = args.positional(0, "", 1);
    if (package.empty()) {
        throw UsageError("evpack verify: which package? (evpack verify PACKAGE --trust CERT)");
    }
    bool json = args.has("--json");
    verify::Options options;
    options.trust = args.get_all("--trust");
    options.progress = !args.has("--quiet") && !json;
    verify::Report report = verify::run(package, options);
    if (json || !report.refused) {
        std::fputs((json ? verify::format_json(report) : verify::format_text(report)).c_str(), stdout);
    }
    if (report.refused) {
        std::fflush(stdout);
        std::fprintf(stderr, "evpack: error: %s\n", util::terminal_safe(*report.refused).c_str());
        return report.refused_io ? exit_usage : exit_problems;
    }
    return report.ok() ? exit_ok : exit_problems;
}

} // namespace evpack::cli
