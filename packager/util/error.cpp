#include "util/error.hpp"

namespace evpack {

std::string Position::to_string() const
{
    std::string s = path;
    if (line > 0) {
        s += ':' + std::to_string(line);
        if (column > 0) {
            s += ':' + std::to_string(column);
        }
    }
    return s;
}

namespace {

std::string format(const Position& position, const std::string& message)
{
    if (position.path.empty()) {
        return message;
    }
    return position.to_string() + ": " + message;
}

} // namespace

Error::Error(const std::string& message) : std::runtime_error(message), m_message(message) {}

Error::Error(Position position, const std::string& message)
    : std::runtime_error(format(position, message)), m_position(std::move(position)), m_message(message)
{
}

} // namespace evpack
