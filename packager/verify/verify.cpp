#include "verify/verify.hpp"

#include "verify/checks.hpp"

namespace evpack::verify {

bool Report::ok() const { return !refused && !findings.empty() && problems() == 0; }

std::size_t Report::problems() const
{
    std::size_t failed = refused ? 1 : 0;
    for (const Finding& f : findings) {
        failed += f.ok ? 0 : 1;
    }
    return failed;
}

Report run(const std::string& package_path, const Options& options, std::map<std::string, Entry>* entries)
{
    Report report;
    report.package = package_path;
    std::optional<Collected> c;
    try {
        c = collect(package_path, report, options.progress);
    } catch (const IoError& e) {
        report.refused = e.what();
        report.refused_io = true;
    } catch (const Error& e) {
        report.refused = e.what();
    }
    if (!c) {
        report.bag_name.clear();
        return report;
    }
    check_structure(*c, report);
    check_integrity(*c, report);
    check_signature(*c, report, options);
    check_appendix_signature(*c, report, options);
    auto packaged = check_completeness(*c, report);
    check_appendix(*c, packaged, report);
    report.contents = read_contents(*c, packaged ? packaged->manifest : std::nullopt);
    if (entries) {
        *entries = std::move(c->entries);
    }
    return report;
}

Report run(const std::string& package_path, const Options& options) { return run(package_path, options, nullptr); }

} // namespace evpack::verify
