#pragma once

#include "util/date.hpp"
#include "util/diagnostic.hpp"

#include <optional>
#include <string>
#include <vector>

namespace evpack::forms {

// The kinds of evidence a manifest may name; a form may list which of them an indicator expects.
const std::vector<std::string>& evidence_kinds();
bool is_evidence_kind(const std::string& kind);

// Joint work of alliance members: evidence counts only with at least min_members members, and
// evidence with mark_from members or more is marked in the appendix.
struct JointRule
{
    int min_members = 2;
    int mark_from = 3;
};

struct Indicator
{
    std::string id;
    std::string title;
    std::optional<int> points;
    std::optional<JointRule> joint;
    std::vector<std::string> kinds; // empty: any kind
    std::string note;               // guidance shown on the divider page
    std::size_t group = 0;          // index into Form::groups
    Position position;
};

struct Group
{
    std::string id;
    std::string title;
    std::optional<int> points;
    std::vector<std::size_t> indicators; // indexes into Form::indicators
    Position position;
};

struct Form
{
    std::string id;
    std::string title;
    std::string issuer;
    std::string source;       // what the form is transcribed from
    std::string instructions; // how the evidence must be ordered / bound
    std::string item_label = "指标"; // what the form calls its items, on generated pages
    std::string layout = "a4";       // how evidence pages are placed: "a4" or "original"
    // The declaration (承诺书) the cover prints, and the signature block under it: one label per
    // line, "{organization}" and "{date}" in a line filled in by build.
    std::string declaration;
    std::vector<std::string> signature_lines;
    std::optional<Date> period_start;
    std::optional<Date> period_end;
    std::vector<Group> groups;
    std::vector<Indicator> indicators; // in the form's order
    std::string path;                  // where it was loaded from ("schemas/x.toml" for built-ins)
    std::string text;                  // the form file itself, byte for byte

    const Indicator* find(const std::string& indicator_id) const;
    // The indicator's index in form order, or -1.
    int index_of(const std::string& indicator_id) const;
    std::optional<int> total_points() const;
    std::string period_text() const;
};

// Parses a form file. Problems go to diags with file, line and column; nullopt when the form
// cannot be used.
std::optional<Form> parse_form(const std::string& text, const std::string& path, Diagnostics& diags);

} // namespace evpack::forms
