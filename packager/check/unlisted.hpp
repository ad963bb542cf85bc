#pragma once

#include "check/check.hpp"

#include <string>
#include <vector>

namespace evpack::check {

struct Unlisted
{
    std::size_t indicator; // index in the manifest's indicators
    std::string message;
};

// Files that sit in an indicator's evidence folder but that the manifest does not list: a scan
// added after the manifest was written. The evidence folders are found from the files the
// manifest lists: a file under a folder named after its own indicator (manifest::
// indicator_for_folder) makes that folder's parent an evidence folder, which is then read as init
// reads one. evidence holds what check found of each listed file (its path on disk).
std::vector<Unlisted> find_unlisted(const manifest::Manifest& m, const forms::Form& form,
                                    const std::vector<std::vector<EvidenceResult>>& evidence);

} // namespace evpack::check
