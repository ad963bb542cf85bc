#include "cli/args.hpp"
#include "cli/commands.hpp"

#include "util/error.hpp"
#include "util/terminal.hpp"
#include "verify/extract.hpp"

#include <cstdio>

namespace evpack::cli {

namespace {

const char* help = R"(usage: evpack extract PACKAGE -o DIR [--trust CERT_OR_CA]... [--force] [--quiet]

Verifies the package first, exactly as 'evpack verify' does, and only if
every check passes writes the bag it holds into DIR: bagit.txt, bag-info.txt,
the manifests and signature.p7s, data/appendix.pdf, data/evpack.toml,
data/form.toml and the original evidence files under data/evidence/, with
their names as in the package. In DIR, 'sha256sum -c manifest-sha256.txt'
then passes.

DIR must not exist: it is made whole or not at all (written into a temporary
folder beside it and renamed into place; removed on any failure or Ctrl-C).
Only plain files (mode 0644) and folders (0755) are made, never a link or a
special file, never outside DIR, and each file must have the SHA-256 that
verify saw (a package changed in between is refused).

A package that fails a check is refused and nothing is written. --force
extracts it anyway, with a first file DIR/UNVERIFIED.txt listing what failed.
An archive refused as unreadable or hostile (names climbing out, links,
bombs, truncation) is never extracted, with or without --force.

options:
  -o, --output DIR  the folder to create
  --trust FILE      a PEM certificate to trust (a CA or the signer's own);
                    may be repeated
  --force           extract a package that fails a check, marked UNVERIFIED
  --quiet           no progress display
  -h, --help

exit status: 0 verified and extracted, 1 the package fails a check (refused,
             or extracted with --force) or cannot be read safely,
             2 usage or I/O error (DIR exists or cannot be written)
)";

} // namespace

int run_extract(const Argv& argv)
{
    if (wants_help(argv, help)) {
        return exit_ok;
    }
    Args args("extract", argv);
    args.option("--output", "-o").option("--trust", "", true).flag("--force").flag("--quiet", "-q").parse();
    std::string package = args.positional(0, "", 1);
    if (package.empty()) {
        throw UsageError("evpack extract: which package? (evpack extract PACKAGE -o DIR --trust CERT)");
    }
    auto out = args.get("--output");
    if (!out || out->empty()) {
        throw UsageError("evpack extract: where to? (-o DIR, a folder that does not exist yet)");
    }
    verify::ExtractOptions options;
    options.verify.trust = args.get_all("--trust");
    options.verify.progress = !args.has("--quiet");
    options.force = args.has("--force");
    verify::ExtractResult result = verify::extract(package, *out, options);
    const verify::Report& r = result.report;
    if (r.refused) {
        std::fprintf(stderr, "evpack: error: %s\nnothing was extracted\n", util::terminal_safe(*r.refused).c_str());
        return r.refused_io ? exit_usage : exit_problems;
    }
    if (!result.extracted) {
        std::fputs(verify::format_text(r).c_str(), stderr);
        std::fprintf(stderr, "nothing was extracted (--force extracts it anyway, marked UNVERIFIED)\n");
        return exit_problems;
    }
    std::string where = util::terminal_safe(*out);
    if (!r.ok()) {
        std::fputs(verify::format_text(r).c_str(), stderr);
        std::printf("extracted UNVERIFIED (--force): %zu files, %llu bytes into %s; see %s/UNVERIFIED.txt\n", result.files,
                    static_cast<unsigned long long>(result.bytes), where.c_str(), where.c_str());
        return exit_problems;
    }
    std::printf("verified and extracted %zu files, %llu bytes into %s\n", result.files,
                static_cast<unsigned long long>(result.bytes), where.c_str());
    return exit_ok;
}

} // namespace evpack::cli
