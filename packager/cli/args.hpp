#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace evpack::cli {

// A small command-line parser: declared flags and options, "--opt value" or "--opt=value",
// positionals, "--" ends options. Anything undeclared is a UsageError.
class Args
{
public:
    Args(std::string command, std::vector<std::string> argv);

    Args& flag(const std::string& name, const std::string& short_name = "");
    Args& option(const std::string& name, const std::string& short_name = "", bool repeatable = false);
    void parse();

    bool has(const std::string& name) const { return m_flags.count(name) > 0; }
    std::optional<std::string> get(const std::string& name) const;
    std::vector<std::string> get_all(const std::string& name) const;
    const std::vector<std::string>& positionals() const { return m_positionals; }
    // The positional at index, or fallback; too many positionals is a UsageError.
    std::string positional(std::size_t index, const std::string& fallback, std::size_t max) const;

private:
    std::string m_command;
    std::vector<std::string> m_argv;
    std::map<std::string, bool> m_declared; // name -> takes a value
    std::map<std::string, std::string> m_short;
    std::set<std::string> m_flags;
    std::map<std::string, std::vector<std::string>> m_values;
    std::vector<std::string> m_positionals;
};

} // namespace evpack::cli
