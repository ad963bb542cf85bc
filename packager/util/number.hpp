#pragma once

#include <string>

namespace evpack::util {

// A number as people write it: 12, not 12.0; 7.5 stays 7.5 (at most 6 significant decimals).
std::string format_number(double v);

} // namespace evpack::util
