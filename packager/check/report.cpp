#include "check/report.hpp"

#include "util/number.hpp"
#include "util/terminal.hpp"
#include "util/unicode.hpp"

#include <nlohmann/json.hpp>

namespace evpack::check {

namespace {

struct GroupScore
{
    std::string title;
    std::optional<double> score;
    std::optional<int> points;
};

// Per form group, the self-scores of its indicators added up (the summary lists the form's
// indicators first, in form order).
std::vector<GroupScore> group_scores(const Report& report)
{
    std::vector<GroupScore> out;
    if (!report.form) {
        return out;
    }
    for (const forms::Group& g : report.form->groups) {
        GroupScore gs{g.title, std::nullopt, g.points};
        for (std::size_t k : g.indicators) {
            if (k < report.summary.size() && report.summary[k].score) {
                gs.score = gs.score.value_or(0) + *report.summary[k].score;
            }
        }
        out.push_back(gs);
    }
    return out;
}

} // namespace

std::string format_diagnostics(const Diagnostics& diags)
{
    std::string out;
    for (const Diagnostic& d : diags.items()) {
        out += util::terminal_safe(d.to_string()) + "\n"; // names files and their titles
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
    std::optional<double> total = report.total_score();
    auto right = [](const std::string& v, std::size_t w) { return std::string(w - std::min(w, v.size()), ' ') + v; };
    if (!report.summary.empty()) {
        out += util::pad_right("id", 5) + util::pad_right("title", 42) + "evidence  pages  " + (total ? "score  " : "")
            + "status\n";
        for (const IndicatorSummary& s : report.summary) {
            std::string score;
            if (total) {
                score = s.score ? util::format_number(*s.score) : "-";
                if (s.points) {
                    score += "/" + std::to_string(*s.points);
                }
                score = right(score, 5) + "  ";
            }
            out += util::pad_right(util::terminal_safe(s.id), 5)
                + util::pad_right(util::truncate_width(util::terminal_safe(s.title), 40), 42)
                + right(std::to_string(s.evidence), 8) + "  " + right(std::to_string(s.pages), 5) + "  " + score
                + s.status + "\n";
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
    if (total) {
        std::optional<int> max = report.total_points();
        out += "self-score (自评总分): " + util::format_number(*total) + (max ? " / " + std::to_string(*max) : "");
        std::string groups;
        for (const GroupScore& g : group_scores(report)) {
            if (g.score) {
                groups += (groups.empty() ? "" : ", ") + g.title + " " + util::format_number(*g.score)
                    + (g.points ? "/" + std::to_string(*g.points) : "");
            }
        }
        out += (groups.empty() ? "" : " (" + groups + ")") + "\n";
    }
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
        ordered_json row = {{"id", s.id}, {"title", s.title}, {"evidence", s.evidence}, {"pages", s.pages}, {"status", s.status}};
        row["points"] = s.points ? ordered_json(*s.points) : ordered_json(nullptr);
        row["score"] = s.score ? ordered_json(*s.score) : ordered_json(nullptr);
        rows.push_back(row);
    }
    j["indicators"] = rows;
    auto total = report.total_score();
    auto max = report.total_points();
    ordered_json groups = ordered_json::array();
    for (const GroupScore& g : group_scores(report)) {
        groups.push_back({{"title", g.title},
                          {"score", g.score ? ordered_json(*g.score) : ordered_json(nullptr)},
                          {"points", g.points ? ordered_json(*g.points) : ordered_json(nullptr)}});
    }
    j["score"] = {{"total", total ? ordered_json(*total) : ordered_json(nullptr)},
                  {"points", max ? ordered_json(*max) : ordered_json(nullptr)},
                  {"groups", groups}};
    // Invalid UTF-8 from a hostile manifest is replaced rather than thrown on.
    return j.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

} // namespace evpack::check
