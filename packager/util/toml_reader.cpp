#include "util/toml_reader.hpp"

#include "util/suggest.hpp"
#include "util/unicode.hpp"

#include <algorithm>

namespace evpack::util {

namespace {

const char* type_name(const toml::node& node)
{
    switch (node.type()) {
    case toml::node_type::string:
        return "a string";
    case toml::node_type::integer:
        return "an integer";
    case toml::node_type::floating_point:
        return "a number";
    case toml::node_type::boolean:
        return "a boolean";
    case toml::node_type::date:
        return "a date";
    case toml::node_type::time:
        return "a time";
    case toml::node_type::date_time:
        return "a date-time";
    case toml::node_type::array:
        return "an array";
    case toml::node_type::table:
        return "a table";
    default:
        return "a value";
    }
}

} // namespace

Position position_of(const toml::source_region& region, const std::string& path)
{
    return Position{path, region.begin.line, region.begin.column};
}

std::optional<toml::table> parse_toml(const std::string& text, const std::string& path, Diagnostics& diags,
                                      const SyntaxHinter& hinter)
{
    std::string current = text;
    // Each repair changes one line and parses again. The bounds keep a hinter that repairs badly
    // from looping, and a hostile file from being parsed for long: a manifest of 500 entries is
    // 50 KB, so hundreds of repairs cost little there.
    for (std::size_t repairs = 0;; ++repairs) {
        try {
            return toml::parse(current, path);
        } catch (const toml::parse_error& e) {
            Position at = position_of(e.source(), path);
            std::string description(e.description());
            if (hinter && repairs < 500 && repairs * current.size() < (std::size_t{64} << 20) && at.line > 0) {
                std::size_t start = 0;
                for (std::uint32_t l = 1; l < at.line && start != std::string::npos; ++l) {
                    start = current.find('\n', start);
                    start = start == std::string::npos ? start : start + 1;
                }
                if (start != std::string::npos) {
                    std::size_t end = std::min(current.find('\n', start), current.size());
                    if (end > start && current[end - 1] == '\r') {
                        --end;
                    }
                    std::string line = current.substr(start, end - start);
                    auto hint = hinter(line, at.column);
                    if (hint && hint->repaired_line != line && hint->repaired_line.find('\n') == std::string::npos) {
                        diags.error(Position{path, at.line, hint->column}, hint->code, hint->message);
                        current.replace(start, end - start, hint->repaired_line);
                        continue;
                    }
                }
            }
            diags.error(at, "toml-syntax", description);
            return std::nullopt;
        }
    }
}

TableReader::TableReader(const toml::table& table, std::string path, Diagnostics& diags, std::string context)
    : m_table(table), m_path(std::move(path)), m_diags(diags), m_context(std::move(context))
{
}

Position TableReader::position() const { return position_of(m_table.source(), m_path); }

Position TableReader::position(const std::string& key) const
{
    if (const toml::node* node = m_table.get(key)) {
        return position_of(node->source(), m_path);
    }
    return position();
}

const toml::node* TableReader::get(const std::string& key, bool required, const std::string& expected)
{
    m_known.insert(key);
    const toml::node* node = m_table.get(key);
    if (!node && required) {
        m_diags.error(position(), "missing-key", "missing key '" + key + "' (" + expected + ") in " + m_context);
    }
    return node;
}

void TableReader::wrong_type(const std::string& key, const toml::node& node, const char* expected)
{
    m_diags.error(position_of(node.source(), m_path), "wrong-type",
                  "'" + key + "' must be " + expected + ", not " + type_name(node));
}

std::optional<std::string> TableReader::string(const std::string& key, bool required)
{
    const toml::node* node = get(key, required, "a string");
    if (!node) {
        return std::nullopt;
    }
    if (auto v = node->value<std::string>(); v && node->is_string()) {
        return *v;
    }
    wrong_type(key, *node, "a string");
    return std::nullopt;
}

std::optional<std::int64_t> TableReader::integer(const std::string& key, bool required)
{
    const toml::node* node = get(key, required, "an integer");
    if (!node) {
        return std::nullopt;
    }
    if (node->is_integer()) {
        return node->as_integer()->get();
    }
    wrong_type(key, *node, "an integer");
    return std::nullopt;
}

std::optional<double> TableReader::number(const std::string& key, bool required)
{
    const toml::node* node = get(key, required, "a number");
    if (!node) {
        return std::nullopt;
    }
    if (node->is_integer()) {
        return static_cast<double>(node->as_integer()->get());
    }
    if (node->is_floating_point()) {
        return node->as_floating_point()->get();
    }
    wrong_type(key, *node, "a number");
    return std::nullopt;
}

std::optional<Date> TableReader::date(const std::string& key, bool required)
{
    const toml::node* node = get(key, required, "a date like 2020-03-01");
    if (!node) {
        return std::nullopt;
    }
    if (node->is_date()) {
        toml::date d = node->as_date()->get();
        return Date{d.year, d.month, d.day};
    }
    if (auto text = node->value<std::string>(); text && node->is_string()) {
        if (auto d = Date::try_parse_loose(*text)) {
            m_diags.error(position_of(node->source(), m_path), "date-format",
                          "a date is written " + d->to_string() + ", without quotes: " + key + " = " + d->to_string());
            return std::nullopt;
        }
    }
    wrong_type(key, *node, "a date like 2020-03-01 (without quotes)");
    return std::nullopt;
}

std::optional<std::vector<std::string>> TableReader::strings(const std::string& key, bool required,
                                                             std::vector<Position>* positions)
{
    const toml::node* node = get(key, required, "an array of strings");
    if (!node) {
        return std::nullopt;
    }
    const toml::array* arr = node->as_array();
    if (!arr) {
        wrong_type(key, *node, "an array of strings");
        return std::nullopt;
    }
    std::vector<std::string> out;
    for (const toml::node& item : *arr) {
        if (!item.is_string()) {
            m_diags.error(position_of(item.source(), m_path), "wrong-type",
                          "items of '" + key + "' must be strings, not " + type_name(item));
            return std::nullopt;
        }
        out.push_back(item.as_string()->get());
        if (positions) {
            positions->push_back(position_of(item.source(), m_path));
        }
    }
    return out;
}

std::vector<const toml::table*> TableReader::tables(const std::string& key, bool required)
{
    std::vector<const toml::table*> out;
    const toml::node* node = get(key, required, "an array of tables, [[" + key + "]]");
    if (!node) {
        return out;
    }
    const toml::array* arr = node->as_array();
    if (!arr) {
        wrong_type(key, *node, ("an array of tables ([[" + key + "]])").c_str());
        return out;
    }
    for (const toml::node& item : *arr) {
        if (const toml::table* t = item.as_table()) {
            out.push_back(t);
        } else {
            m_diags.error(position_of(item.source(), m_path), "wrong-type",
                          "items of '" + key + "' must be tables, not " + type_name(item));
        }
    }
    return out;
}

const toml::table* TableReader::table(const std::string& key, bool required)
{
    const toml::node* node = get(key, required, "a table");
    if (!node) {
        return nullptr;
    }
    if (const toml::table* t = node->as_table()) {
        return t;
    }
    wrong_type(key, *node, "a table");
    return nullptr;
}

void TableReader::finish()
{
    for (const auto& [key, node] : m_table) {
        std::string name(key.str());
        if (m_known.count(name)) {
            continue;
        }
        std::string hint;
        std::size_t best = 3;
        for (const std::string& known : m_known) {
            std::size_t d = edit_distance(to_u32(name), to_u32(known));
            if (d < best) {
                best = d;
                hint = "; did you mean '" + known + "'?";
            }
        }
        m_diags.error(position_of(key.source(), m_path), "unknown-key",
                      "unknown key '" + name + "' in " + m_context + hint);
    }
}

} // namespace evpack::util
