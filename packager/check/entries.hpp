#pragma once

// Internal to check/: rules on what the clerk writes about the evidence rather than on the
// files: `see` references, self-scores (自评分), blank titles and reasons, the layout.

#include "check/check.hpp"

#include <functional>
#include <string>

namespace evpack::check {

// A finding about manifest indicator `indicator` (an index into Manifest::indicators).
using Finder = std::function<void(std::size_t indicator, Severity, Position, std::string code, std::string message)>;

// form_index: per manifest indicator, its index in the form (-1 unknown); empty without a form.
void check_entries(const Report& report, const std::vector<int>& form_index, const Finder& find);

} // namespace evpack::check
