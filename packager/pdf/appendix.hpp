#pragma once

#include "evidence/image.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace evpack::pdf {

// One evidence document to bind, as check found it.
struct AppendixDocument
{
    std::string title;
    std::string date;      // may be empty
    std::string label;     // the file as the manifest names it, for messages
    std::string path;      // where to read it
    evidence::FileType type = evidence::FileType::pdf;
    evidence::ImageInfo image;
    int pages = 0;
    std::uint64_t bytes = 0; // the file's size, for progress
    bool repair = false;   // read through qpdf's repair first
    int marked_members = 0; // > 0: joint work marked in the TOC ("3 家联合")
};

struct AppendixIndicator
{
    std::string id;
    std::string title;
    std::optional<int> points;
    std::size_t group = 0;
    std::optional<std::string> none; // 无 and its reason
    std::vector<AppendixDocument> documents;
};

struct AppendixGroup
{
    std::string id;
    std::string title;
    std::optional<int> points;
};

struct AppendixPlan
{
    std::string title;
    std::string organization;
    std::string form_id;
    std::string form_title;
    std::string period;
    std::int64_t build_time = 0; // seconds since the epoch (SOURCE_DATE_EPOCH when set)
    std::vector<AppendixGroup> groups;
    std::vector<AppendixIndicator> indicators; // in the form's order
};

// Where everything landed, 1-based page numbers.
struct AppendixLayout
{
    int total_pages = 0;
    std::vector<std::pair<int, int>> indicator_pages;              // divider .. last evidence page
    std::vector<std::vector<std::pair<int, int>>> document_pages;  // per indicator, per document
};

// Progress callback: documents done, documents total, current document.
using ProgressFn = std::function<void(std::size_t, std::size_t, const std::string&)>;

// Writes the bound appendix to out_path (the caller makes it atomic): cover, table of contents,
// then per indicator a divider page and its evidence; page numbers stamped in content streams of
// their own; bookmarks group → indicator → document → the source's own bookmarks.
// Throws Error naming the evidence file (and indicator) that could not be bound.
AppendixLayout write_appendix(const AppendixPlan& plan, const std::string& out_path, const ProgressFn& progress = {});

} // namespace evpack::pdf
