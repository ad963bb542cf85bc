#pragma once

// The one doorway to iconv (glibc): converting legacy encodings to UTF-8.

#include <optional>
#include <string>

namespace evpack::util {

// bytes in encoding `from` (an iconv name: "GB18030", "UTF-16LE", ...) as UTF-8, or nullopt when
// they are not valid in that encoding: an invalid or incomplete sequence anywhere fails the whole
// conversion, nothing is replaced or skipped.
std::optional<std::string> try_to_utf8(const std::string& bytes, const char* from);

} // namespace evpack::util
