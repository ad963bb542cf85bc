#pragma once

#include "forms/form.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace evpack::manifest {

struct Skeleton
{
    std::string text;                  // the manifest
    std::vector<std::string> warnings; // e.g. folders that match no indicator
    int files = 0;                     // evidence files filled in
    int placeholders = 0;              // indicators left as none = ""
};

// One [[indicator.evidence]] entry as init writes it (indented, ending in a line break): the file
// relative to the manifest's folder, a title to edit, and members = [] where the indicator counts
// only joint work.
std::string evidence_entry(const std::string& rel, const std::string& title, const forms::Indicator& ind);

// "[[indicator]]" and its id line, with the indicator's title and points as a comment.
std::string indicator_header(const forms::Indicator& ind);
// The none = "" line init writes for an indicator without evidence yet.
extern const char* const none_placeholder;
// file's path relative to manifest_dir, '/'-separated, as a manifest lists it.
std::string manifest_relative(const std::filesystem::path& file, const std::string& manifest_dir);

struct EvidenceTree;
// Leaves out of tree the files whose path from manifest_dir is not UTF-8 (a folder above the
// evidence with a GBK name), with a warning each: a manifest is UTF-8.
void keep_listable(EvidenceTree& tree, const std::string& manifest_dir);

// A manifest with every indicator of the form in order. With an evidence folder, files in its
// sub-folders named after indicators (manifest::indicator_for_folder) are listed, in natural name order,
// with paths relative to manifest_dir; other indicators get a none = "" placeholder that check
// reports until it is filled in.
Skeleton make_skeleton(const forms::Form& form, const std::string& evidence_dir, const std::string& manifest_dir);

} // namespace evpack::manifest
