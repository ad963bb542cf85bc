#include "check/report.hpp"

#include "util/unicode.hpp"

#include <nlohmann/json.hpp>

namespace evpack::check {

std::string format_diagnostics(const Diagnostics& diags)
{
    std::string out;
    for (const Diagnostic& d : diags.items()) {
        out += d.to_string() + "\n";
    }
    return out;
}

std::string format_summary(const Report& report)
{
    std::string out;
    if (!report.manifest) {
        // Counts of nothing ("0 missing") would read as a clean result.
        std::size_t errors = report.diagnostics.count(Severity::error);
        return "the manifest could not be read, so nothing else was checked; " + std::to_string(errors)
            + (errors == 1 ? " error\n" : " errors\n");
    }
    if (!report.summary.empty()) {
        out += util::pad_right("id", 5) + util::pad_right("title", 42) + "evidence  pages  status\n";
        for (const IndicatorSummary& s : report.summary) {
            std::string ev = std::to_string(s.evidence);
            std::string pages = std::to_string(s.pages);
            out += util::pad_right(s.id, 5) + util::pad_right(util::truncate_width(s.title, 40), 42)
                + std::string(8 - std::min<std::size_t>(8, ev.size()), ' ') + ev + "  "
                + std::string(5 - std::min<std::size_t>(5, pages.size()), ' ') + pages + "  " + s.status + "\n";
        }
    }
    int ok = 0, none = 0, missing = 0, bad = 0;
    for (const IndicatorSummary& s : report.summary) {
        if (s.status == "ok" || s.status == "warning") {
            ++ok;
        } else if (s.status == "无") {
            ++none;
        } else if (s.status == "missing") {
            ++missing;
        } else {
            ++bad;
        }
    }
    std::size_t errors = report.diagnostics.count(Severity::error);
    std::size_t warnings = report.diagnostics.count(Severity::warning);
    out += std::to_string(ok) + " with evidence, " + std::to_string(none) + " 无, " + std::to_string(missing)
        + " missing, " + std::to_string(bad) + " with errors; " + std::to_string(report.total_evidence())
        + " files, " + std::to_string(report.total_pages()) + " pages; " + std::to_string(errors)
        + (errors == 1 ? " error, " : " errors, ") + std::to_string(warnings)
        + (warnings == 1 ? " warning\n" : " warnings\n");
    return out;
}

std::string format_json(const Report& report)
{
    using nlohmann::ordered_json;
    ordered_json j;
    j["manifest"] = report.manifest ? report.manifest->path : "";
    if (report.form) {
        j["form"] = {{"id", report.form->id}, {"title", report.form->title}, {"path", report.form->path}};
    } else {
        j["form"] = nullptr;
    }
    j["ok"] = report.ok();
    j["errors"] = report.diagnostics.count(Severity::error);
    j["warnings"] = report.diagnostics.count(Severity::warning);
    j["evidence"] = report.total_evidence();
    j["pages"] = report.total_pages();
    ordered_json diags = ordered_json::array();
    for (const Diagnostic& d : report.diagnostics.items()) {
        diags.push_back({{"severity", to_string(d.severity)},
                         {"file", d.position.path},
                         {"line", d.position.line},
                         {"column", d.position.column},
                         {"code", d.code},
                         {"message", d.message}});
    }
    j["diagnostics"] = diags;
    ordered_json rows = ordered_json::array();
    for (const IndicatorSummary& s : report.summary) {
        rows.push_back({{"id", s.id}, {"title", s.title}, {"evidence", s.evidence}, {"pages", s.pages}, {"status", s.status}});
    }
    j["indicators"] = rows;
    // Invalid UTF-8 from a hostile manifest is replaced rather than thrown on.
    return j.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

} // namespace evpack::check
