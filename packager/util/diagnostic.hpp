#pragma once

#include "util/error.hpp"

#include <string>
#include <vector>

namespace evpack {

enum class Severity { note, warning, error };

const char* to_string(Severity severity);

// A finding about the user's input. Findings are data, not exceptions: a check collects all of them.
struct Diagnostic
{
    Severity severity = Severity::error;
    Position position;
    std::string code;    // stable, machine-readable: "indicator-order", "file-missing", ...
    std::string message; // one line, names the file when it is about one

    // "path:line:col: error: message [code]"
    std::string to_string() const;
};

class Diagnostics
{
public:
    void add(Severity severity, Position position, std::string code, std::string message);
    void error(Position position, std::string code, std::string message)
    {
        add(Severity::error, std::move(position), std::move(code), std::move(message));
    }
    void warning(Position position, std::string code, std::string message)
    {
        add(Severity::warning, std::move(position), std::move(code), std::move(message));
    }
    void note(Position position, std::string code, std::string message)
    {
        add(Severity::note, std::move(position), std::move(code), std::move(message));
    }

    const std::vector<Diagnostic>& items() const { return m_items; }
    std::size_t count(Severity severity) const;
    bool has_errors() const { return count(Severity::error) > 0; }
    void append(const Diagnostics& other);
    // Sorted by file, line, column; stable for findings at the same place.
    void sort();

private:
    std::vector<Diagnostic> m_items;
};

} // namespace evpack
