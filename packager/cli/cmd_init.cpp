#include "cli/args.hpp"
#include "cli/commands.hpp"

#include "check/report.hpp"
#include "forms/builtin.hpp"
#include "manifest/encoding.hpp"
#include "manifest/skeleton.hpp"
#include "manifest/update.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/file.hpp"

#include <cstdio>
#include <sys/stat.h>

namespace evpack::cli {

namespace {

const char* help = R"(usage: evpack init --form ID [--evidence DIR] [-o FILE] [--force]
       evpack init --update [-o FILE] [--evidence DIR]

Writes a manifest skeleton listing every indicator of the form, in order.
With --evidence DIR, the files in DIR's sub-folders named after indicators
are filled in as evidence, in natural name order: "10/", "10-技术攻关/",
"03-共建平台/", "（5）技术转移/", "第6类 知识产权/", "七-工作制度/".
Every other indicator gets a none = "" placeholder that 'evpack check'
reports until it is filled in. Thumbs.db, desktop.ini, .DS_Store, ._*,
~$* (Office lock files) and hidden files are never listed; a file whose
name is not UTF-8 (from a Windows zip) is reported with its name read as
GBK and how to rename it (convmv), not listed.

--update brings an existing manifest up to date with its evidence folder
(DIR, or the one folder its files are in): new files are added among
their indicator's entries, entries whose file is gone are dropped; every
value you typed and every comment stays. Running it again changes
nothing. A manifest saved as GBK or UTF-16 is rewritten as UTF-8.

options:
  --form ID         a built-in form id (see 'evpack forms') or a form file
  --evidence DIR    fill in evidence from DIR's sub-folders
  -o, --output FILE where to write (default: evpack.toml; '-' for stdout)
  --force           overwrite an existing file
  --update          update FILE instead of writing a new one
  -h, --help

exit status: 0 written, 1 the form file or the manifest has problems,
             2 usage or I/O error
)";

int run_update(const Args& args)
{
    std::string path = args.get("--output").value_or("evpack.toml");
    if (path == "-") {
        throw UsageError("evpack init: --update needs the manifest's file name, not '-'");
    }
    if (args.has("--force")) {
        throw UsageError("evpack init: --update keeps what the manifest says; --force would overwrite it");
    }
    std::optional<forms::Form> form;
    if (auto name = args.get("--form")) {
        Diagnostics diags;
        form = forms::resolve_form(*name, ".", Position{}, diags);
        std::fputs(check::format_diagnostics(diags).c_str(), stderr);
        if (!form) {
            return exit_problems;
        }
    }
    std::string bytes = util::read_file(path);
    Diagnostics decoding;
    std::string converted_from;
    auto text = manifest::decode(bytes, path, decoding, &converted_from);
    if (!text) {
        std::fputs(check::format_diagnostics(decoding).c_str(), stderr);
        return exit_problems;
    }
    // A manifest that was converted is written back as UTF-8: the warning's advice is carried out.
    manifest::Update u = manifest::update_manifest(*text, path, form ? &*form : nullptr, args.get("--evidence").value_or(""));
    if (!u.ok()) {
        std::fputs(check::format_diagnostics(u.problems).c_str(), stderr);
        std::fprintf(stderr, "evpack init: %s was not changed; fix the errors above first\n", path.c_str());
        return exit_problems;
    }
    for (const std::string& w : u.warnings) {
        std::fprintf(stderr, "evpack init: warning: %s\n", w.c_str());
    }
    for (const std::string& f : u.added) {
        std::fprintf(stderr, "added '%s'\n", f.c_str());
    }
    for (const std::string& f : u.dropped) {
        std::fprintf(stderr, "dropped %s: the file is gone\n", f.c_str());
    }
    if (u.text == bytes) {
        std::fprintf(stderr, "%s is up to date with %s\n", path.c_str(), u.evidence_dir.c_str());
        return exit_ok;
    }
    util::write_file_atomic(path, u.text);
    std::fprintf(stderr, "updated %s from %s: %zu added, %zu dropped%s\n", path.c_str(), u.evidence_dir.c_str(),
                 u.added.size(), u.dropped.size(),
                 converted_from.empty() ? "" : ("; converted from " + converted_from + " to UTF-8").c_str());
    return exit_ok;
}

} // namespace

int run_init(const Argv& argv)
{
    if (wants_help(argv, help)) {
        return exit_ok;
    }
    Args args("init", argv);
    args.option("--form").option("--evidence").option("--output", "-o").flag("--force").flag("--update").parse();
    args.positional(0, "", 0);
    if (args.has("--update")) {
        return run_update(args);
    }
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
        throw UsageError(Position{output},
                         "already exists; use --update to add new files and keep what you typed, or --force to overwrite it");
    }
    util::write_file_atomic(output, skeleton.text);
    std::fprintf(stderr, "wrote %s: %zu indicators, %d evidence files, %d to fill in\n", output.c_str(),
                 form->indicators.size(), skeleton.files, skeleton.placeholders);
    return exit_ok;
}

} // namespace evpack::cli
