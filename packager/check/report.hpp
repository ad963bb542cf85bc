#pragma once

#include "check/check.hpp"

#include <string>

namespace evpack::check {

// The diagnostics, one per line, as a compiler prints them.
std::string format_diagnostics(const Diagnostics& diags);
// The per-indicator table and a closing count line.
std::string format_summary(const Report& report);
// The whole report as one JSON document.
std::string format_json(const Report& report);

} // namespace evpack::check
