#include "verify/verify.hpp"

#include "verify/checks.hpp"

#include <nlohmann/json.hpp>

namespace evpack::verify {

bool Report::ok() const
{
    for (const Finding& f : findings) {
        if (!f.ok) {
            return false;
        }
    }
    return !findings.empty();
}

Report run(const std::string& package_path, const Options& options)
{
    Report report;
    report.package = package_path;
    Collected c = collect(package_path, report, options.progress);
    check_structure(c, report);
    check_integrity(c, report);
    check_signature(c, report, options);
    auto packaged = check_completeness(c, report);
    check_appendix(c, packaged, report);
    return report;
}

std::string format_text(const Report& report)
{
    std::string out;
    for (const Finding& f : report.findings) {
        out += std::string(f.ok ? "✓ " : "✗ ") + f.check + ": " + f.message + "\n";
    }
    std::size_t failed = 0;
    for (const Finding& f : report.findings) {
        failed += f.ok ? 0 : 1;
    }
    if (report.ok()) {
        out += "\nOK: " + report.package + " is intact, signed by a trusted signer, and complete\n";
    } else {
        out += "\nFAILED: " + report.package + ": " + std::to_string(failed) + (failed == 1 ? " problem" : " problems") + "\n";
    }
    return out;
}

std::string format_json(const Report& report)
{
    using nlohmann::ordered_json;
    ordered_json j;
    j["package"] = report.package;
    j["ok"] = report.ok();
    j["bag"] = report.bag_name;
    j["payload_files"] = report.payload_files;
    j["payload_bytes"] = report.payload_bytes;
    ordered_json checks = ordered_json::array();
    for (const Finding& f : report.findings) {
        checks.push_back({{"check", f.check}, {"ok", f.ok}, {"message", f.message}});
    }
    j["checks"] = checks;
    if (report.signed_package) {
        const auto& s = report.signature.signer;
        j["signer"] = {{"subject", s.subject}, {"issuer", s.issuer}, {"sha256", s.fingerprint},
                       {"not_before", s.not_before}, {"not_after", s.not_after},
                       {"valid", report.signature.valid}, {"trusted", report.signature.trusted}};
    } else {
        j["signer"] = nullptr;
    }
    return j.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

} // namespace evpack::verify

