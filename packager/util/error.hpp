#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace evpack {

// Where something is in a file the user gave us. line/column are 1-based; 0 means "the whole file".
struct Position
{
    std::string path;
    std::uint32_t line = 0;
    std::uint32_t column = 0;

    // "path", "path:line" or "path:line:col".
    std::string to_string() const;
};

// The one exception type of evpack: what() reads "path:line:col: message".
class Error : public std::runtime_error
{
public:
    explicit Error(const std::string& message);
    Error(Position position, const std::string& message);

    const Position& position() const { return m_position; }
    const std::string& message() const { return m_message; }

private:
    Position m_position;
    std::string m_message;
};

// Thrown for problems with the command line or the environment (exit code 2), as opposed to
// problems in the user's input (exit code 1).
class UsageError : public Error
{
public:
    using Error::Error;
};

// Problems that come from reading or writing files (exit code 2).
class IoError : public Error
{
public:
    using Error::Error;
};

} // namespace evpack
