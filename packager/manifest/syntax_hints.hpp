#pragma once

#include "util/toml_reader.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace evpack::manifest {

// The TOML mistakes a clerk makes typing a manifest with a Chinese input method or Windows habits,
// told in their terms with the corrected line: curly quotes (“…”), dates written 2024/09/10 or
// 2024年9月10日, paths with backslashes, full-width ， ＝ ［ ］ and spaces, and text without
// quotes. For util::parse_toml: line is the line toml++ stopped on, column its column.
std::optional<util::SyntaxHint> syntax_hint(const std::string& line, std::uint32_t column);

} // namespace evpack::manifest
