#pragma once

#include "evidence/image.hpp"
#include "ocr/page_text.hpp"
#include "pdf/page_layout.hpp"
#include "pdf/seal.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace evpack::pdf {

// One evidence entry of an indicator, as check found it: a document to bind, or (cites) a
// reference to a document bound elsewhere in the appendix.
struct AppendixDocument
{
    std::string number;    // "10-2": this document's, or the cited one's
    bool cites = false;    // a `see` entry: binds nothing
    std::string title;
    std::string date;      // may be empty
    std::string note;      // printed under the entry on the divider; a photo's caption
    std::string label;     // the file as the manifest names it, for messages
    std::string path;      // where to read it
    std::string sha256;    // of the file at path, when check hashed it (empty otherwise)
    evidence::FileType type = evidence::FileType::pdf;
    evidence::ImageInfo image;
    int pages = 0;
    std::uint64_t bytes = 0; // the file's size, for progress
    bool repair = false;   // read through qpdf's repair first
    int marked_members = 0; // > 0: joint work marked in the TOC ("3 家联合")
    // build --ocr: per page, the text read off a scanned page (drawn as an invisible layer);
    // empty, or nullopt for a page, when there is none.
    std::vector<std::optional<ocr::PageText>> text;
};

struct AppendixIndicator
{
    std::string id;
    std::string title;
    std::optional<int> points;
    std::optional<double> score;     // 自评分
    std::size_t group = 0;
    std::optional<std::string> none; // 无 and its reason
    std::string summary;             // 简要说明, printed on the divider
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
    std::string item_label = "指标"; // what the form calls its items
    std::optional<int> total_points; // the form's maximum
    LayoutMode layout = LayoutMode::a4;
    std::int64_t build_time = 0; // seconds since the epoch (SOURCE_DATE_EPOCH when set)
    std::vector<AppendixGroup> groups;
    std::vector<AppendixIndicator> indicators; // in the form's order
    // The form's declaration and signature block, {organization} and {date} filled in.
    std::string declaration;
    std::vector<std::string> signature_lines;
    const SealImage* seal = nullptr; // the alliance's seal, for the 骑缝章; null without one
};

// Where everything landed, 1-based page numbers.
struct AppendixLayout
{
    struct Box
    {
        double x = 0, y = 0, w = 0, h = 0;
    };
    int total_pages = 0;
    std::optional<Box> seal_box; // on the cover, PDF points: where the seal goes (a signature line)
    std::vector<std::pair<int, int>> indicator_pages;              // divider .. last evidence page
    std::vector<std::vector<std::pair<int, int>>> document_pages;  // per indicator, per entry (a citing
                                                                   // entry: the cited document's)
};

// Progress callback: documents done, documents total, current document.
using ProgressFn = std::function<void(std::size_t, std::size_t, const std::string&)>;

// Writes the bound appendix to out_path (the caller makes it atomic): cover, table of contents,
// then per indicator a divider and its evidence. Every evidence page is placed on a sheet with
// bands for the marks (plan.layout), its own content streams untouched; the marks never cover
// it. Bookmarks: group → indicator → document → the source's own, with their views.
// Throws Error naming the evidence file (and indicator) that could not be bound.
AppendixLayout write_appendix(const AppendixPlan& plan, const std::string& out_path, const ProgressFn& progress = {});

} // namespace evpack::pdf
