#pragma once

// "Did you mean …?": the nearest of a set of known names to one that was typed.

#include <optional>
#include <string>
#include <vector>

namespace evpack::util {

// Optimal string alignment distance over code points: insertions, deletions, substitutions, and a
// swapped pair of neighbours ("tilte") each count as one edit.
std::size_t edit_distance(const std::u32string& a, const std::u32string& b);

// The candidate nearest to typed, compared after folding case and width (NFKC case fold:
// "（" is "(", "Ａ" is "a"), or nullopt when none is close: at most one edit in four code points
// (at least one edit allowed), and no other candidate as near. An exact match is not a suggestion.
std::optional<std::string> nearest(const std::string& typed, const std::vector<std::string>& candidates);

} // namespace evpack::util
