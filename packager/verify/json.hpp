#pragma once

// Internal to verify/: a report as JSON, shared by `verify --json` for one package and for a batch.

#include "verify/verify.hpp"

#include <nlohmann/json.hpp>

namespace evpack::verify {

nlohmann::ordered_json to_json(const Report& report);

// Two-space indented text; invalid UTF-8 replaced, controls escaped (util::json_safe).
std::string dump_json(const nlohmann::ordered_json& j);

} // namespace evpack::verify
