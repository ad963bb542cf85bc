#pragma once

#include <string>

namespace evpack::pdf {

struct RepairResult
{
    bool ok = false;
    bool password = false; // failed because it needs a password
    int pages = 0;
    std::string data;      // the repaired PDF, when asked for
    std::string message;
};

// Reads a damaged PDF with qpdf, which rebuilds broken cross-reference tables, and optionally
// rewrites it into memory for PoDoFo. Never throws.
RepairResult try_repair(const std::string& path, bool keep_output);
// The same for a PDF held in memory.
RepairResult try_repair_buffer(const std::string& bytes, bool keep_output);

} // namespace evpack::pdf
