#include "cli/args.hpp"

#include "util/error.hpp"

namespace evpack::cli {

Args::Args(std::string command, std::vector<std::string> argv) : m_command(std::move(command)), m_argv(std::move(argv)) {}

Args& Args::flag(const std::string& name, const std::string& short_name)
{
    m_declared[name] = false;
    if (!short_name.empty()) {
        m_short[short_name] = name;
    }
    return *this;
}

Args& Args::option(const std::string& name, const std::string& short_name, bool)
{
    m_declared[name] = true;
    if (!short_name.empty()) {
        m_short[short_name] = name;
    }
    return *this;
}

void Args::parse()
{
    bool options_done = false;
    for (std::size_t i = 0; i < m_argv.size(); ++i) {
        const std::string& a = m_argv[i];
        if (options_done || a.size() < 2 || a[0] != '-' || a == "-") {
            m_positionals.push_back(a);
            continue;
        }
        if (a == "--") {
            options_done = true;
            continue;
        }
        std::string name = a;
        std::optional<std::string> value;
        if (a.rfind("--", 0) == 0) {
            auto eq = a.find('=');
            if (eq != std::string::npos) {
                name = a.substr(0, eq);
                value = a.substr(eq + 1);
            }
        } else if (auto s = m_short.find(a); s != m_short.end()) {
            name = s->second;
        }
        auto decl = m_declared.find(name);
        if (decl == m_declared.end()) {
            throw UsageError("evpack " + m_command + ": unknown option '" + a + "' (see evpack " + m_command + " --help)");
        }
        if (!decl->second) {
            if (value) {
                throw UsageError("evpack " + m_command + ": " + name + " takes no value");
            }
            m_flags.insert(name);
            continue;
        }
        if (!value) {
            if (i + 1 >= m_argv.size()) {
                throw UsageError("evpack " + m_command + ": " + name + " needs a value");
            }
            value = m_argv[++i];
        }
        m_values[name].push_back(*value);
    }
}

std::optional<std::string> Args::get(const std::string& name) const
{
    auto it = m_values.find(name);
    if (it == m_values.end() || it->second.empty()) {
        return std::nullopt;
    }
    return it->second.back();
}

std::vector<std::string> Args::get_all(const std::string& name) const
{
    auto it = m_values.find(name);
    return it == m_values.end() ? std::vector<std::string>{} : it->second;
}

std::string Args::positional(std::size_t index, const std::string& fallback, std::size_t max) const
{
    if (m_positionals.size() > max) {
        throw UsageError("evpack " + m_command + ": unexpected argument '" + m_positionals[max] + "'");
    }
    return index < m_positionals.size() ? m_positionals[index] : fallback;
}

} // namespace evpack::cli
