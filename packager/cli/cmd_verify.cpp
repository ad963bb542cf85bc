#include "cli/args.hpp"
#include "cli/commands.hpp"

#include "util/error.hpp"
#include "verify/verify.hpp"

#include <cstdio>

namespace evpack::cli {

namespace {

const char* help = R"(usage: evpack verify PACKAGE [--trust CERT_OR_CA]... [--json] [--quiet]

Checks a received package (zip or tar) without extracting it:
  structure     bagit.txt and bag-info.txt well-formed, Payload-Oxum matches
  integrity     every file's SHA-256 matches; nothing missing, nothing added
  signature     signature.p7s is a valid CMS signature of the tag manifest,
                by a signer that is, or chains to, a --trust certificate
  completeness  the manifest inside against its form: every indicator, in
                order, with evidence or 无; the form inside against the
                built-in form of the same id
  appendix      bookmarks point at the recorded page ranges, each bound page
                still carries its evidence file's content, the bookmarks of
                each PDF are its original's (titles and pages), and every
                see = "10-2" shows the pages of the document it cites
An unsigned package, or one signed by a certificate not given with --trust,
fails. A package is untrusted input: absolute or '..' names, links, devices,
repeated names, archive bombs and truncated archives are rejected. PDFs and
PNGs are read page by page where they lie in a zip package (stored entries,
as build writes them); from a tar package or a compressed entry they are
copied, as they are hashed, into a private folder under $TMPDIR, removed
when verify ends.

options:
  --trust FILE   a PEM certificate to trust: a CA, or the signer's own
                 certificate; may be repeated
  --json         print the result as JSON
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
    verify::Options options;
    options.trust = args.get_all("--trust");
    options.progress = !args.has("--quiet") && !args.has("--json");
    verify::Report report = verify::run(package, options);
    std::fputs((args.has("--json") ? verify::format_json(report) : verify::format_text(report)).c_str(), stdout);
    return report.ok() ? exit_ok : exit_problems;
}

} // namespace evpack::cli
