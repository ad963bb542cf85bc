#pragma once

#include <cstddef>
#include <string>

namespace evpack::pdf {

// zlib's compress2 (level 9 unless told; 1-9): the data of a FlateDecode stream (no predictor).
// what names the data for the error thrown when zlib fails.
std::string deflate(const void* data, std::size_t size, const char* what, int level = 9);

} // namespace evpack::pdf
