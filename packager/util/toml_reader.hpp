#pragma once

// The one wrapper around toml++: manifests and form files are both read through it, so both get
// the same diagnostics (syntax errors with toml++'s position, unknown keys, wrong types).

#include "util/date.hpp"
#include "util/diagnostic.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#define TOML_EXCEPTIONS 1
#include <toml++/toml.h>

namespace evpack::util {

// A syntax error told in its writer's terms, with the line repaired so that parsing can go on.
struct SyntaxHint
{
    std::uint32_t column = 0; // of the mistake on the error's line, in code points, 1-based
    std::string code;
    std::string message;
    std::string repaired_line; // the line as it should read (no line break)
};
// Looks at the line toml++ stopped on (without its line break) and the column it gave; nullopt
// when the mistake is not one it knows.
using SyntaxHinter = std::function<std::optional<SyntaxHint>(const std::string& line, std::uint32_t column)>;

// Parses TOML text; on a syntax error adds a "toml-syntax" diagnostic and returns nullopt. With a
// hinter, each error it recognises is reported its way and parsing goes on with the repaired line,
// so one run reports every such mistake; the table of the repaired text is returned when nothing
// else is wrong (the errors are in diags).
std::optional<toml::table> parse_toml(const std::string& text, const std::string& path, Diagnostics& diags,
                                      const SyntaxHinter& hinter = {});

Position position_of(const toml::source_region& region, const std::string& path);

// Reads one table's keys with type checks. Every key that was not asked for is reported as
// unknown by finish(), with a suggestion when it looks like a typo of a known key.
class TableReader
{
public:
    TableReader(const toml::table& table, std::string path, Diagnostics& diags, std::string context);

    std::optional<std::string> string(const std::string& key, bool required = false);
    std::optional<std::int64_t> integer(const std::string& key, bool required = false);
    std::optional<double> number(const std::string& key, bool required = false); // integer or float
    std::optional<Date> date(const std::string& key, bool required = false);
    // With positions, each item's position is appended to it.
    std::optional<std::vector<std::string>> strings(const std::string& key, bool required = false,
                                                    std::vector<Position>* positions = nullptr);
    // Array of tables ([[key]]); empty when absent.
    std::vector<const toml::table*> tables(const std::string& key, bool required = false);
    const toml::table* table(const std::string& key, bool required = false);
    // Marks a key as known without reading it.
    void accept(const std::string& key) { m_known.insert(key); }

    Position position() const;              // the table itself
    Position position(const std::string& key) const; // the key's value, or the table when absent
    bool has(const std::string& key) const { return m_table.contains(key); }

    void finish();

private:
    const toml::node* get(const std::string& key, bool required, const std::string& expected);
    void wrong_type(const std::string& key, const toml::node& node, const char* expected);

    const toml::table& m_table;
    std::string m_path;
    Diagnostics& m_diags;
    std::string m_context;
    std::set<std::string> m_known;
};

} // namespace evpack::util
