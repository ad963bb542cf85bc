#include "manifest/numbering.hpp"

namespace evpack::manifest {

std::string document_number(const IndicatorEntry& entry, std::size_t evidence_index)
{
    std::size_t n = 0;
    for (std::size_t j = 0; j <= evidence_index && j < entry.evidence.size(); ++j) {
        if (!entry.evidence[j].see) {
            ++n;
        }
    }
    return entry.id + "-" + std::to_string(n);
}

std::map<std::string, DocumentIndex> number_documents(const Manifest& m)
{
    std::map<std::string, DocumentIndex> out;
    for (std::size_t i = 0; i < m.indicators.size(); ++i) {
        const IndicatorEntry& e = m.indicators[i];
        std::size_t n = 0;
        for (std::size_t j = 0; j < e.evidence.size(); ++j) {
            if (!e.evidence[j].see) {
                out.emplace(e.id + "-" + std::to_string(++n), DocumentIndex{i, j});
            }
        }
    }
    return out;
}

std::optional<DocumentIndex> resolve_see(const std::map<std::string, DocumentIndex>& numbers, const std::string& see)
{
    std::string key;
    for (std::size_t k = 0; k < see.size(); ++k) {
        if (see[k] == ' ' || see[k] == '\t') {
            continue;
        }
        // U+FF0D FULLWIDTH HYPHEN-MINUS and U+2013 EN DASH, as typed by Chinese input methods.
        if (see.compare(k, 3, "\xEF\xBC\x8D") == 0 || see.compare(k, 3, "\xE2\x80\x93") == 0) {
            key += '-';
            k += 2;
            continue;
        }
        key += see[k];
    }
    auto it = numbers.find(key);
    if (it == numbers.end()) {
        return std::nullopt;
    }
    return it->second;
}

} // namespace evpack::manifest
