#pragma once

#include "util/date.hpp"
#include "util/diagnostic.hpp"

#include <optional>
#include <string>
#include <vector>

namespace evpack::manifest {

// One piece of evidence: a file and what it proves. Every field keeps its source position so
// that a finding about it points at the manifest line the clerk must edit.
struct Evidence
{
    std::string file; // as written, relative to the manifest's folder; empty for a `see` entry
    std::string title;
    // see = "10-2": this entry cites a document bound earlier (by its number) instead of a file.
    std::optional<std::string> see;
    std::optional<Date> date;
    std::vector<std::string> members;
    std::optional<std::string> kind;
    std::string note;
    // Recorded by `build` in the packaged manifest: what was bound, and where.
    std::optional<std::string> number; // "<indicator id>-<n>", n counting the indicator's files
    std::optional<std::string> sha256;
    std::optional<std::pair<int, int>> pages; // first and last page in the appendix, 1-based
    std::optional<std::string> original_name; // the file's own name, when packaged under another
    // An Office original's PDF rendering, which the appendix binds: its path in the package, its
    // SHA-256, and the converter that made it ("LibreOffice 7.4.7.2 ...").
    std::optional<std::string> rendering;
    std::optional<std::string> rendering_sha256;
    std::optional<std::string> converter;

    Position position; // the [[indicator.evidence]] header
    Position file_position;
    Position title_position; // line 0 when there is no title key
    Position see_position;
    Position date_position;
    Position members_position;
    std::vector<Position> member_positions; // one per name in members
    Position kind_position;
};

struct IndicatorEntry
{
    std::string id;
    std::vector<Evidence> evidence;
    std::optional<std::string> none; // 无: there is nothing to show, with the reason
    std::string note;
    std::string summary;         // 简要说明 / 完成情况: printed on the divider
    std::optional<double> score; // 自评分: the self-assessed points
    std::optional<std::pair<int, int>> pages; // recorded by `build`: the indicator's page range

    Position position; // the [[indicator]] header
    Position id_position;
    Position none_position;
    Position summary_position;
    Position score_position;
};

struct Member
{
    std::string name;
    Position position;
};

struct Manifest
{
    std::string path; // as given by the user; diagnostics use it
    std::string dir;  // the folder evidence paths are relative to
    std::string form;
    std::string title;
    std::string organization;
    std::vector<Member> members;
    std::vector<IndicatorEntry> indicators;
    std::optional<std::string> key;  // signing key, relative to dir
    std::optional<std::string> cert; // signing certificate, relative to dir
    std::optional<std::string> layout; // "a4" or "original": overrides the form's
    std::optional<std::string> seal; // image of the official seal, relative to dir

    Position form_position;
    Position title_position;
    Position organization_position;
    Position key_position;
    Position cert_position;
    Position layout_position;
    Position seal_position;
};

// Parses manifest text. Problems (syntax, unknown keys, wrong types, missing keys) go to diags;
// nullopt only when the text is not TOML at all. Syntax mistakes that manifest::syntax_hint knows
// (curly quotes, 2024/09/10, backslashes in paths) are each reported and parsing goes on.
std::optional<Manifest> parse(const std::string& text, const std::string& path, Diagnostics& diags);

// Reads and parses a manifest file, converting it to UTF-8 where that is safe (manifest::decode);
// throws IoError when it cannot be read.
std::optional<Manifest> load(const std::string& path, Diagnostics& diags);

// Serialises a manifest as TOML in the documented layout (used by `init` and by `build` for the
// packaged copy). Strings are NFC-normalised.
std::string to_toml(const Manifest& m);

// A TOML basic string literal for s, with quotes.
std::string quote(const std::string& s);

} // namespace evpack::manifest
