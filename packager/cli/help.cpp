#include "cli/commands.hpp"

#include <cstdio>

namespace evpack::cli {

bool wants_help(const Argv& argv, const char* text)
{
    for (const std::string& a : argv) {
        if (a == "--") {
            break;
        }
        if (a == "--help" || a == "-h") {
            std::fputs(text, stdout);
            return true;
        }
    }
    return false;
}

} // namespace evpack::cli
