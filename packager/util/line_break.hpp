#pragma once

// Where a line of text may break, by the Unicode line-breaking algorithm (UAX #14, through
// libunibreak: its only user). Chinese rules come with it: no line starts with "，。；：）》" and
// the like, none ends with "（《".

#include <string>
#include <vector>

namespace evpack::util {

enum class Break
{
    none,      // no break after this code point
    allowed,   // a line may end after it
    mandatory, // a line ends after it (a newline)
};

// One entry per code point of s (U+FFFD for invalid bytes): whether a line may end after it.
// Tailored for Chinese titles: a number or Latin word stays with the CJK character next to it
// ("2025年", "2025 年度", "V2.0版") unless nothing else fits (the wrapper breaks anywhere then).
std::vector<Break> line_breaks(const std::u32string& s);

} // namespace evpack::util
