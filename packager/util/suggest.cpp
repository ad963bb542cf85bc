#include "util/suggest.hpp"

#include "util/unicode.hpp"

#include <algorithm>

namespace evpack::util {

std::size_t edit_distance(const std::u32string& a, const std::u32string& b)
{
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) {
        d[i][0] = i;
    }
    for (std::size_t j = 0; j <= b.size(); ++j) {
        d[0][j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[a.size()][b.size()];
}

std::optional<std::string> nearest(const std::string& typed, const std::vector<std::string>& candidates)
{
    std::u32string want = to_u32(fold_key(typed));
    std::size_t limit = std::max<std::size_t>(1, want.size() / 4);
    const std::string* best = nullptr;
    std::size_t best_distance = limit + 1;
    bool tie = false;
    for (const std::string& c : candidates) {
        if (c == typed) {
            return std::nullopt;
        }
        // Distances beyond the limit are never suggested: skip the quadratic work for names of
        // very different lengths.
        std::u32string have = to_u32(fold_key(c));
        std::size_t gap = have.size() > want.size() ? have.size() - want.size() : want.size() - have.size();
        if (gap > limit) {
            continue;
        }
        std::size_t d = edit_distance(want, have);
        if (d < best_distance) {
            best = &c;
            best_distance = d;
            tie = false;
        } else if (d == best_distance && best && *best != c) {
            tie = true;
        }
    }
    if (!best || tie) {
        return std::nullopt;
    }
    return *best;
}

} // namespace evpack::util
