#pragma once

#include "check/check.hpp"
#include "pdf/appendix.hpp"

#include <optional>
#include <string>

namespace evpack::build {

struct Options
{
    std::string out_dir;
    bool progress = false;
};

struct Result
{
    check::Report report;                 // check runs first; on errors nothing is built
    std::optional<pdf::AppendixLayout> layout;
    std::string appendix_path;
};

// Checks the manifest, then writes OUT_DIR/appendix.pdf atomically: on any failure the folder
// holds no partial file (and a folder this call created is removed again). Throws Error/IoError
// for problems found only while binding (naming the file) or writing.
Result run(const std::string& manifest_path, const Options& options);

// The appendix plan for a checked manifest (report.ok() must hold).
pdf::AppendixPlan make_plan(const check::Report& report, std::int64_t build_time);

} // namespace evpack::build
