#include "cli/args.hpp"
#include "cli/commands.hpp"

#include "forms/builtin.hpp"
#include "manifest/skeleton.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/file.hpp"

#include <cstdio>
#include <sys/stat.h>

namespace evpack::cli {

namespace {

const char* help = R"(usage: evpack init --form ID [--evidence DIR] [-o FILE] [--force]

Writes a manifest skeleton listing every indicator of the form, in order.
With --evidence DIR, the files in DIR's sub-folders named after indicators
("10/", "10-技术攻关/") are filled in as evidence, in natural name order;
every other indicator gets a none = "" placeholder that 'evpack check'
reports until it is filled in.

options:
  --form ID         a built-in form id (see 'evpack forms') or a form file
  --evidence DIR    fill in evidence from DIR's sub-folders
  -o, --output FILE where to write (default: evpack.toml; '-' for stdout)
  --force           overwrite an existing file
  -h, --help

exit status: 0 written, 1 the form file has problems, 2 usage or I/O error
)";

} // namespace

int run_init(const Argv& argv)
{
    if (wants_help(argv, help)) {
        return exit_ok;
    }
    Args args("init", argv);
    args.option("--form").option("--evidence").option("--output", "-o").flag("--force").parse();
    args.positional(0, "", 0);
    auto form_name = args.get("--form");
    if (!form_name) {
        throw UsageError("evpack init: --form ID is required (see 'evpack forms')");
    }
    std::string output = args.get("--output").value_or("evpack.toml");
    Diagnostics diags;
    auto form = forms::resolve_form(*form_name, ".", Position{}, diags);
    if (!form) {
        for (const auto& d : diags.items()) {
            std::fprintf(stderr, "evpack init: %s\n", d.to_string().c_str());
        }
        bool unknown = !diags.items().empty() && diags.items().front().code == "unknown-form";
        return unknown ? exit_usage : exit_problems;
    }
    std::string manifest_dir = output == "-" ? "." : util::dirname(output);
    manifest::Skeleton skeleton = manifest::make_skeleton(*form, args.get("--evidence").value_or(""), manifest_dir);
    for (const std::string& w : skeleton.warnings) {
        std::fprintf(stderr, "evpack init: warning: %s\n", w.c_str());
    }
    if (output == "-") {
        std::fputs(skeleton.text.c_str(), stdout);
        return exit_ok;
    }
    struct stat st{};
    if (::stat(output.c_str(), &st) == 0 && !args.has("--force")) {
        throw UsageError(Position{output}, "already exists; use --force to overwrite it");
    }
    util::write_file_atomic(output, skeleton.text);
    std::fprintf(stderr, "wrote %s: %zu indicators, %d evidence files, %d to fill in\n", output.c_str(),
                 form->indicators.size(), skeleton.files, skeleton.placeholders);
    return exit_ok;
}

} // namespace evpack::cli
