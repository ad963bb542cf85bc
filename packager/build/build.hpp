#pragma once

#include "check/check.hpp"
#include "package/bag.hpp"
#include "pdf/appendix.hpp"

#include <optional>
#include <string>

namespace evpack::build {

struct Options
{
    std::string out_dir;
    bool progress = false;
    // Signing: these, else EVPACK_KEY / EVPACK_CERT, else the manifest's key / cert. Without a key
    // the package is written unsigned (verify will say so).
    std::optional<std::string> key;
    std::optional<std::string> cert;
    // The seal image: this, else the manifest's seal. Needs a signing key.
    std::optional<std::string> seal;
    // An RFC 3161 time-stamping authority: both signatures get a signature time-stamp.
    std::optional<std::string> tsa;
    std::optional<std::string> name; // the package's name; default <form id>-<organization>
    // --ocr: scanned pages (images, PDF pages without text) get an invisible text layer.
    bool ocr = false;
    package::Format format = package::Format::zip;
};

struct Result
{
    check::Report report;                 // check runs first; on errors nothing is built
    std::optional<pdf::AppendixLayout> layout;
    std::string appendix_path;
    std::string package_path;
    bool signed_package = false;
    std::string unsigned_reason;
    std::string seal_note; // said when the seal's white was made transparent
    // With --ocr: pages read now, pages whose text came from the cache, PDF pages that have
    // text of their own, and the pages that could not be read.
    struct Ocr
    {
        int read = 0, cached = 0, had_text = 0;
        int layers = 0; // scanned pages on which text was found (the others have no layer)
        std::vector<std::string> warnings;
    };
    std::optional<Ocr> ocr;
};

// Checks the manifest, then writes OUT_DIR/appendix.pdf atomically: on any failure the folder
// holds no partial file (and a folder this call created is removed again). Throws Error/IoError
// for problems found only while binding (naming the file) or writing.
Result run(const std::string& manifest_path, const Options& options);

// The manifest as packaged: evidence paths rewritten to evidence/<indicator>/<nn>-<name>, form =
// "form.toml", each evidence's SHA-256 and appendix pages recorded, no signing keys.
manifest::Manifest packaged_manifest(const check::Report& report, const pdf::AppendixLayout& layout);
// The package file name for a manifest: <form id>-<organization>, without characters that are
// unsafe in file names.
std::string default_package_name(const check::Report& report);

// The appendix plan for a checked manifest (report.ok() must hold).
// The form's signature lines get {organization} and {date} filled in.
pdf::AppendixPlan make_plan(const check::Report& report, std::int64_t build_time, const pdf::SealImage* seal = nullptr);

} // namespace evpack::build
