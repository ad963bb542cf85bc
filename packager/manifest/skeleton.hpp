#pragma once

#include "forms/form.hpp"

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

// A manifest with every indicator of the form in order. With an evidence folder, files in its
// sub-folders named after indicators ("10/", "10-技术攻关/") are listed, in natural name order,
// with paths relative to manifest_dir; other indicators get a none = "" placeholder that check
// reports until it is filled in.
Skeleton make_skeleton(const forms::Form& form, const std::string& evidence_dir, const std::string& manifest_dir);

} // namespace evpack::manifest
