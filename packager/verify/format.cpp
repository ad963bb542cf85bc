#include "verify/verify.hpp"

#include "util/terminal.hpp"
#include "verify/json.hpp"

namespace evpack::verify {

std::string format_text(const Report& report)
{
    using util::terminal_safe;
    std::string out;
    if (report.refused) {
        out += "✗ archive: " + terminal_safe(*report.refused) + "\n";
    }
    for (const Finding& f : report.findings) {
        out += std::string(f.ok ? "✓ " : "✗ ") + terminal_safe(f.check) + ": " + terminal_safe(f.message) + "\n";
    }
    std::size_t failed = report.problems();
    if (report.ok()) {
        out += "\nOK: " + terminal_safe(report.package) + " is intact, signed by a trusted signer, and complete\n";
    } else if (report.refused) {
        out += "\nFAILED: " + terminal_safe(report.package) + ": the archive was refused before any check ran\n";
    } else {
        out += "\nFAILED: " + terminal_safe(report.package) + ": " + std::to_string(failed) + (failed == 1 ? " problem" : " problems") + "\n";
    }
    return out;
}

std::string format_json(const Report& report) { return dump_json(to_json(report)); }

} // namespace evpack::verify
