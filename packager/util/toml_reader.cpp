#include "util/toml_reader.hpp"

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

// Optimal string alignment distance: a swapped pair of letters ("tilte") counts as one edit.
std::size_t edit_distance(const std::string& a, const std::string& b)
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

} // namespace

Position position_of(const toml::source_region& region, const std::string& path)
{
    return Position{path, region.begin.line, region.begin.column};
}

std::optional<toml::table> parse_toml(const std::string& text, const std::string& path, Diagnostics& diags)
{
    try {
        return toml::parse(text, path);
    } catch (const toml::parse_error& e) {
        diags.error(position_of(e.source(), path), "toml-syntax", std::string(e.description()));
        return std::nullopt;
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
    wrong_type(key, *node, "a date like 2020-03-01 (without quotes)");
    return std::nullopt;
}

std::optional<std::vector<std::string>> TableReader::strings(const std::string& key, bool required)
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
            std::size_t d = edit_distance(name, known);
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
