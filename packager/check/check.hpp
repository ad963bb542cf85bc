#pragma once

#include "evidence/inspect.hpp"
#include "forms/form.hpp"
#include "manifest/manifest.hpp"
#include "util/diagnostic.hpp"

#include <optional>
#include <string>
#include <vector>

namespace evpack::check {

// What check learnt about one [[indicator.evidence]] entry; build reuses it.
struct EvidenceResult
{
    std::string path; // manifest folder + file
    bool usable = false;
    int pages = 0;    // pages it adds to the appendix
    bool repaired = false;
    bool marked = false; // joint work with at least the form's mark_from members
    evidence::FileFacts facts;
    // An Office original is bound through its PDF rendering (office/): where it is (in the
    // rendering cache) and what made it.
    std::string rendering;
    std::string converter;
};

struct IndicatorSummary
{
    std::string id;
    std::string title;
    int evidence = 0;
    int pages = 0;
    std::string status; // "ok", "无", "missing", "error", "warning", "unknown"
    std::optional<int> points;   // the form's
    std::optional<double> score; // the clerk's self-assessment (自评分)
};

struct Report
{
    Diagnostics diagnostics;
    std::optional<manifest::Manifest> manifest;
    std::optional<forms::Form> form;
    // Aligned with manifest->indicators and their evidence.
    std::vector<std::vector<EvidenceResult>> evidence;
    // One row per form indicator in form order, then any unknown ones.
    std::vector<IndicatorSummary> summary;

    bool ok() const { return manifest && form && !diagnostics.has_errors(); }
    int total_pages() const;
    int total_evidence() const; // files bound (a `see` entry binds none)
    // The self-scores added up (nullopt when none is given), and the form's maximum.
    std::optional<double> total_score() const;
    std::optional<int> total_points() const;
};

struct Options
{
    bool progress = false;    // show progress on a terminal
    bool read_files = true;   // false: rules on the manifest alone (verify checks the files itself)
    // Hash every file (build: a file that changes before it is packaged fails the build). Without,
    // only files of equal size are hashed, to find duplicates.
    bool hash_files = false;
    const forms::Form* form = nullptr; // use this form instead of the one the manifest names
    // Render Office files to PDF (from the cache, else with LibreOffice) to count their pages and
    // find the ones that cannot be converted. Only with read_files.
    bool render_office = true;
};

// Runs every rule on a manifest: its syntax and keys, the form's indicators and order, each
// evidence file, joint-work rules, dates and kinds. Throws IoError when the manifest itself
// cannot be read; everything else is a diagnostic.
Report run(const std::string& manifest_path, const Options& options = {});

// Same, on a manifest already in memory (text), for tests and fuzzing.
Report run_text(const std::string& text, const std::string& manifest_path, const Options& options = {});

} // namespace evpack::check
