#include "verify/batch.hpp"

#include "manifest/manifest.hpp"
#include "util/file.hpp"
#include "util/number.hpp"
#include "util/terminal.hpp"
#include "util/unicode.hpp"
#include "verify/json.hpp"

#include <algorithm>

namespace evpack::verify {

namespace {

struct Row
{
    std::string verdict, package, alliance, form, signer;
    std::string with_evidence, none, missing, pages, score, points, problems;
};

Row row_of(const Report& r)
{
    Row row;
    row.verdict = r.ok() ? "OK" : "FAILED";
    row.package = util::basename(r.package);
    row.signer = r.refused ? "" : signer_name(r);
    row.problems = what_failed(r);
    if (const auto& c = r.contents) {
        row.alliance = c->organization;
        row.form = c->form_id;
        row.with_evidence = std::to_string(c->with_evidence);
        row.none = std::to_string(c->none);
        row.missing = std::to_string(c->missing);
        row.pages = std::to_string(c->pages);
        row.score = c->score ? util::format_number(*c->score) : "";
        row.points = c->points ? std::to_string(*c->points) : "";
    }
    return row;
}

std::string csv_cell(const std::string& raw)
{
    std::string s = util::terminal_safe(raw);
    // A cell starting with = + - @ is a formula to a spreadsheet (CSV injection).
    if (!s.empty() && std::string("=+-@").find(s[0]) != std::string::npos) {
        s = "'" + s;
    }
    if (s.find_first_of(",\"") == std::string::npos) {
        return s;
    }
    std::string out = "\"";
    for (char c : s) {
        out += c == '"' ? "\"\"" : std::string(1, c);
    }
    return out + "\"";
}

} // namespace

std::string what_failed(const Report& r)
{
    if (r.refused) {
        // The reason names the package first; the row names it already.
        std::string reason = *r.refused;
        if (reason.rfind(r.package + ": ", 0) == 0) {
            reason = reason.substr(r.package.size() + 2);
        }
        return "refused: " + reason;
    }
    std::vector<std::string> names;
    for (const Finding& f : r.findings) {
        if (!f.ok && std::find(names.begin(), names.end(), f.check) == names.end()) {
            names.push_back(f.check);
        }
    }
    std::string out;
    for (const std::string& n : names) {
        out += (out.empty() ? "" : ", ") + n;
    }
    return out;
}

std::string signer_name(const Report& r)
{
    if (!r.signed_package) {
        return "unsigned";
    }
    const std::string& subject = r.signature.signer.subject;
    // RFC 2253 text: "CN=name,O=org"; a comma inside a value is escaped with a backslash.
    for (std::size_t at = 0; at < subject.size();) {
        std::size_t end = at;
        while (end < subject.size() && subject[end] != ',') {
            end += subject[end] == '\\' ? 2 : 1;
        }
        if (subject.compare(at, 3, "CN=") == 0) {
            return subject.substr(at + 3, std::min(end, subject.size()) - at - 3);
        }
        at = end + 1;
    }
    return subject.empty() ? "unknown signer" : subject;
}

std::string format_table(const std::vector<Report>& reports)
{
    std::vector<std::vector<std::string>> rows = {
        {"verdict", "package", "alliance", "form", "signer", "evidence/无/missing", "pages", "self-score", "problems"}};
    const std::vector<std::size_t> max_width = {7, 40, 24, 16, 24, 19, 5, 10, 0};
    std::size_t passed = 0;
    for (const Report& r : reports) {
        Row row = row_of(r);
        passed += r.ok() ? 1 : 0;
        std::string indicators = row.with_evidence.empty() ? "" : row.with_evidence + "/" + row.none + "/" + row.missing;
        std::string score = row.score.empty() ? "" : row.points.empty() ? row.score : row.score + "/" + row.points;
        rows.push_back({row.verdict, row.package, row.alliance, row.form, row.signer, indicators, row.pages, score, row.problems});
    }
    std::vector<std::size_t> width(max_width.size(), 0);
    for (auto& cells : rows) {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            cells[i] = util::terminal_safe(cells[i]);
            if (max_width[i]) {
                cells[i] = util::truncate_width(cells[i], max_width[i]);
            }
            width[i] = std::max(width[i], util::display_width(cells[i]));
        }
    }
    std::string out;
    for (const auto& cells : rows) {
        std::string line;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            line += i + 1 == cells.size() ? cells[i] : util::pad_right(cells[i], width[i]) + "  ";
        }
        out += line.erase(line.find_last_not_of(' ') + 1) + "\n";
    }
    std::size_t failed = reports.size() - passed;
    out += "\n" + std::to_string(reports.size()) + (reports.size() == 1 ? " package: " : " packages: ") + std::to_string(passed)
        + " OK, " + std::to_string(failed) + " FAILED\n";
    return out;
}

std::string format_batch_json(const std::vector<Report>& reports)
{
    nlohmann::ordered_json all = nlohmann::ordered_json::array();
    std::size_t passed = 0;
    for (const Report& r : reports) {
        all.push_back(to_json(r));
        passed += r.ok() ? 1 : 0;
    }
    nlohmann::ordered_json j;
    j["ok"] = passed == reports.size();
    j["packages"] = reports.size();
    j["passed"] = passed;
    j["failed"] = reports.size() - passed;
    j["results"] = all;
    return dump_json(j);
}

std::string format_csv(const std::vector<Report>& reports)
{
    std::string out = "\xEF\xBB\xBF";
    out += "verdict,package,alliance,form,signer,indicators with evidence,indicators 无,indicators missing,pages,self-score,points,problems,path\r\n";
    for (const Report& r : reports) {
        Row row = row_of(r);
        for (const std::string& cell : {row.verdict, row.package, row.alliance, row.form, row.signer, row.with_evidence, row.none,
                                        row.missing, row.pages, row.score, row.points, row.problems}) {
            out += csv_cell(cell) + ",";
        }
        out += csv_cell(r.package) + "\r\n";
    }
    return out;
}

} // namespace evpack::verify
