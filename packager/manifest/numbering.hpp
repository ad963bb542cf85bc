#pragma once

#include "manifest/manifest.hpp"

#include <map>
#include <optional>
#include <string>

namespace evpack::manifest {

// Where a numbered document is listed: indexes into Manifest::indicators and its evidence.
struct DocumentIndex
{
    std::size_t indicator = 0;
    std::size_t evidence = 0;
};

// Documents are numbered "<indicator id>-<n>": n counts the indicator's entries that bind a
// file (a `see` entry binds none and takes no number), from 1. The report body cites them
// ("见证明材料 10-2 第 3 页").
std::string document_number(const IndicatorEntry& entry, std::size_t evidence_index);

// Every document's number, for resolving `see`. A number met twice (two indicators with one id)
// keeps its first document.
std::map<std::string, DocumentIndex> number_documents(const Manifest& m);

// The document a `see` names: "10-2", also written with spaces or a full-width hyphen.
std::optional<DocumentIndex> resolve_see(const std::map<std::string, DocumentIndex>& numbers, const std::string& see);

} // namespace evpack::manifest
