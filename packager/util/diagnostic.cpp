#include "util/diagnostic.hpp"

#include <algorithm>
#include <tuple>

namespace evpack {

const char* to_string(Severity severity)
{
    switch (severity) {
    case Severity::note:
        return "note";
    case Severity::warning:
        return "warning";
    case Severity::error:
        return "error";
    }
    return "error";
}

std::string Diagnostic::to_string() const
{
    std::string s;
    if (!position.path.empty()) {
        s = position.to_string() + ": ";
    }
    s += evpack::to_string(severity);
    s += ": ";
    s += message;
    if (!code.empty()) {
        s += " [" + code + "]";
    }
    return s;
}

void Diagnostics::add(Severity severity, Position position, std::string code, std::string message)
{
    m_items.push_back({severity, std::move(position), std::move(code), std::move(message)});
}

std::size_t Diagnostics::count(Severity severity) const
{
    return static_cast<std::size_t>(
        std::count_if(m_items.begin(), m_items.end(), [&](const Diagnostic& d) { return d.severity == severity; }));
}

void Diagnostics::append(const Diagnostics& other)
{
    m_items.insert(m_items.end(), other.m_items.begin(), other.m_items.end());
}

void Diagnostics::sort()
{
    std::stable_sort(m_items.begin(), m_items.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.position.path, a.position.line, a.position.column)
            < std::tie(b.position.path, b.position.line, b.position.column);
    });
}

} // namespace evpack
