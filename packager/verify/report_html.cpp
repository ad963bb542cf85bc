#include "verify/report_html.hpp"

#include "manifest/manifest.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/number.hpp"
#include "util/terminal.hpp"
#include "verify/batch.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <numeric>
#include <set>
#include <sys/stat.h>

namespace evpack::verify {

namespace {

using util::html_text;

// No script, no request of any kind: everything the page shows is in it.
const char* head_common = R"(<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif; margin: 1.5em; color: #111; }
.verdict { font-size: 1.6em; font-weight: bold; padding: 0.6em 0.8em; margin: 0 0 1em 0; border-radius: 4px; }
.verdict.ok { background: #e3f4e1; color: #0d5e16; border: 2px solid #2e8b3a; }
.verdict.failed { background: #fde4e1; color: #9b1208; border: 2px solid #c62d1f; }
.claimed { background: #fff6d5; border: 1px solid #d9b300; padding: 0.4em 0.6em; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em 0; }
th, td { border: 1px solid #bbb; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
tr.group th { background: #dde6f2; }
td.num { text-align: right; white-space: nowrap; }
table.index td:first-child, table.index a { white-space: nowrap; }
td.sha, .mono { font-family: "DejaVu Sans Mono", monospace; font-size: 0.8em; word-break: break-all; }
td.sha { min-width: 16em; max-width: 17em; font-size: 0.75em; }
.file { font-family: "DejaVu Sans Mono", monospace; font-size: 0.75em; color: #555; word-break: break-all; }
tr.fail td { background: #fde4e1; }
td.none { color: #555; }
td.missing { background: #fde4e1; font-weight: bold; }
.mark { font-weight: bold; }
.fail .mark, .missing { color: #9b1208; }
.pass .mark { color: #0d5e16; }
.summary { color: #333; font-size: 0.9em; }
</style>
)";

std::string pages_text(const std::optional<std::pair<int, int>>& pages)
{
    if (!pages) {
        return "";
    }
    if (pages->first == pages->second) {
        return std::to_string(pages->first);
    }
    return std::to_string(pages->first) + "–" + std::to_string(pages->second);
}

std::string verdict_line(const Report& r)
{
    if (r.ok()) {
        return "✓ OK 通过: intact, signed by a trusted signer, complete";
    }
    if (r.refused) {
        return "✗ FAILED 未通过: the archive was refused before any check ran";
    }
    std::size_t n = r.problems();
    return "✗ FAILED 未通过: " + std::to_string(n) + (n == 1 ? " problem" : " problems") + "; nothing in this package can be relied on";
}

std::string row(const std::vector<std::string>& cells, const std::string& cls = "")
{
    std::string out = cls.empty() ? "<tr>" : "<tr class=\"" + cls + "\">";
    for (const std::string& c : cells) {
        out += "<td>" + c + "</td>";
    }
    return out + "</tr>\n";
}

std::string fact(const std::string& label, const std::string& value_html)
{
    return "<tr><th>" + label + "</th><td>" + value_html + "</td></tr>\n";
}

std::string checks_html(const Report& r)
{
    std::string out = "<h2>Checks 检查</h2>\n<table class=\"checks\">\n<tr><th></th><th>check</th><th>finding</th></tr>\n";
    if (r.refused) {
        out += row({"<span class=\"mark\">✗</span>", "archive", html_text(*r.refused)}, "fail");
    }
    for (const Finding& f : r.findings) {
        out += row({std::string("<span class=\"mark\">") + (f.ok ? "✓" : "✗") + "</span>", html_text(f.check), html_text(f.message)},
                   f.ok ? "pass" : "fail");
    }
    return out + "</table>\n";
}

std::string signer_html(const Report& r)
{
    std::string out = "<h2>Signer 签名者</h2>\n";
    if (!r.signed_package) {
        return out + "<p class=\"missing\">The package is not signed.</p>\n";
    }
    const crypto::SignatureCheck& s = r.signature;
    out += "<table class=\"signer\">\n";
    out += fact("subject", html_text(s.signer.subject));
    out += fact("issuer", html_text(s.signer.issuer));
    out += fact("SHA-256 fingerprint", "<span class=\"mono\">" + html_text(s.signer.fingerprint) + "</span>");
    out += fact("valid", html_text(s.signer.not_before) + " to " + html_text(s.signer.not_after));
    out += fact("signature", s.valid ? "matches the tag manifest" : "<span class=\"missing\">does not match</span>");
    out += fact("trusted", s.trusted ? "yes: the signer is, or chains to, a --trust certificate"
                                     : "<span class=\"missing\">NO</span>" + (s.problem.empty() ? "" : ": " + html_text(s.problem)));
    return out + "</table>\n";
}

std::string number_text(const std::optional<double>& v) { return v ? util::format_number(*v) : ""; }
std::string number_text(const std::optional<int>& v) { return v ? std::to_string(*v) : ""; }

std::string indicator_rows(const IndicatorRow& ind)
{
    std::string out;
    std::size_t docs = ind.documents.size();
    std::size_t span = std::max<std::size_t>(1, docs) + (ind.summary.empty() ? 0 : 1);
    std::string rowspan = span > 1 ? " rowspan=\"" + std::to_string(span) + "\"" : "";
    std::string head = "<tr id=\"indicator-" + html_text(ind.id) + "\"><td" + rowspan + ">" + html_text(ind.id) + "</td><td" + rowspan
        + ">" + html_text(ind.title) + "</td><td class=\"num\"" + rowspan + ">" + number_text(ind.points) + "</td><td class=\"num\""
        + rowspan + ">" + number_text(ind.score) + "</td>";
    if (ind.status == "missing") {
        out += head + "<td colspan=\"6\" class=\"missing\">missing: the manifest does not list this indicator</td></tr>\n";
    } else if (docs == 0) {
        out += head + "<td colspan=\"6\" class=\"none\">无 — " + html_text(ind.none) + "</td></tr>\n";
    }
    for (std::size_t i = 0; i < docs; ++i) {
        const Document& d = ind.documents[i];
        std::string members;
        for (const std::string& m : d.members) {
            members += (members.empty() ? "" : "、") + html_text(m);
        }
        std::string title = html_text(d.title);
        if (d.see) {
            title = (title.empty() ? "" : title + " ") + "(see " + html_text(*d.see) + ")";
        }
        if (!d.file.empty()) {
            title += "<br><span class=\"file\">" + html_text(d.file) + "</span>";
        }
        int count = d.pages ? d.pages->second - d.pages->first + 1 : 0;
        std::string cells = "<td>" + html_text(d.number) + "</td><td>" + title + "</td><td>" + html_text(d.date) + "</td><td>" + members
            + "</td><td class=\"num\">" + pages_text(d.pages) + (count > 1 ? " (" + std::to_string(count) + ")" : "") + "</td><td class=\"sha\">"
            + html_text(d.sha256) + "</td></tr>\n";
        out += (i == 0 ? head : std::string("<tr>")) + cells;
    }
    if (!ind.summary.empty()) {
        out += "<tr><td colspan=\"6\" class=\"summary\">" + html_text(ind.summary) + "</td></tr>\n";
    }
    return out;
}

std::string contents_html(const Report& r)
{
    if (!r.contents) {
        return "<h2>Indicators 指标</h2>\n<p class=\"missing\">The package's manifest and form cannot be read.</p>\n";
    }
    const Contents& c = *r.contents;
    std::string out = "<h2>Indicators 指标</h2>\n";
    if (!r.ok()) {
        out += "<p class=\"claimed\">As the package claims: it failed verification, so none of this is vouched for.</p>\n";
    }
    out += "<table class=\"indicators\">\n<tr><th>id</th><th>indicator 指标</th><th>points 分值</th><th>self-score 自评分</th>"
           "<th>No. 编号</th><th>document 材料</th><th>date 日期</th><th>members 成员单位</th><th>pages 页码</th><th>SHA-256</th></tr>\n";
    std::string group;
    for (const IndicatorRow& ind : c.indicators) {
        if (ind.group != group) {
            group = ind.group;
            for (const Group& g : c.groups) {
                if (g.id == group) {
                    out += "<tr class=\"group\"><th colspan=\"10\">" + html_text(g.id) + " " + html_text(g.title)
                        + (g.points ? "（" + std::to_string(*g.points) + " 分）" : "") + "</th></tr>\n";
                }
            }
        }
        out += indicator_rows(ind);
    }
    out += "<tr><th colspan=\"2\">total 合计</th><td class=\"num\">" + number_text(c.points) + "</td><td class=\"num\">"
        + number_text(c.score) + "</td><td colspan=\"6\">" + std::to_string(c.with_evidence) + " with evidence, "
        + std::to_string(c.none) + " 无, " + std::to_string(c.missing) + " missing; appendix " + std::to_string(c.pages)
        + " pages</td></tr>\n";
    return out + "</table>\n";
}

std::string percent_encode(const std::string& name)
{
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : name) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string page_title(const Report& r)
{
    std::string who = r.contents && !r.contents->organization.empty() ? r.contents->organization : util::basename(r.package);
    return std::string(r.ok() ? "OK" : "FAILED") + " · " + who;
}

} // namespace

std::string format_html(const Report& r, const std::string& index_href)
{
    std::string out = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n";
    out += head_common;
    out += "<title>" + html_text(page_title(r)) + "</title>\n</head>\n<body>\n";
    out += "<p id=\"verdict\" class=\"verdict " + std::string(r.ok() ? "ok" : "failed") + "\">" + verdict_line(r) + "</p>\n";
    if (!index_href.empty()) {
        out += "<p><a href=\"" + percent_encode(index_href) + "\">← all packages</a></p>\n";
    }
    const Contents* c = r.contents ? &*r.contents : nullptr;
    out += "<h1>" + html_text(c && !c->organization.empty() ? c->organization : util::basename(r.package)) + "</h1>\n";
    out += "<table class=\"facts\">\n";
    out += fact("package", "<span class=\"mono\">" + html_text(r.package) + "</span>");
    if (c) {
        out += fact("title", html_text(c->title));
        out += fact("form", html_text(c->form_id) + (c->form_title.empty() ? "" : " — " + html_text(c->form_title)));
        out += fact("indicators", std::to_string(c->with_evidence) + " with evidence, " + std::to_string(c->none) + " 无, "
                                      + std::to_string(c->missing) + " missing");
        out += fact("appendix", std::to_string(c->pages) + " pages");
        if (c->score) {
            out += fact("self-score 自评分", number_text(c->score) + (c->points ? " / " + number_text(c->points) : ""));
        }
    }
    if (!r.refused) {
        out += fact("payload", std::to_string(r.payload_files) + " files, " + std::to_string(r.payload_bytes) + " bytes");
    }
    out += "</table>\n";
    out += checks_html(r);
    if (!r.refused) {
        out += signer_html(r);
        out += contents_html(r);
    }
    out += "<p class=\"summary\">evpack " EVPACK_VERSION "</p>\n</body>\n</html>\n";
    return out;
}

std::string format_index_html(const std::vector<Report>& reports, const std::vector<std::string>& pages)
{
    std::vector<std::size_t> order(reports.size());
    std::iota(order.begin(), order.end(), 0);
    auto alliance = [&](std::size_t i) { return reports[i].contents ? reports[i].contents->organization : std::string(); };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (reports[a].ok() != reports[b].ok()) {
            return !reports[a].ok(); // failed first: they need the reviewer
        }
        return alliance(a) < alliance(b);
    });
    std::size_t passed = 0;
    for (const Report& r : reports) {
        passed += r.ok() ? 1 : 0;
    }
    std::size_t failed = reports.size() - passed;
    std::string summary = std::to_string(reports.size()) + " packages: " + std::to_string(passed) + " OK, " + std::to_string(failed) + " FAILED";
    std::string out = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n";
    out += head_common;
    out += "<title>" + summary + "</title>\n</head>\n<body>\n";
    out += "<p id=\"verdict\" class=\"verdict " + std::string(failed ? "failed" : "ok") + "\">" + (failed ? "✗ " : "✓ ") + summary + "</p>\n";
    out += "<table class=\"index\">\n<tr><th>verdict</th><th>alliance 联盟</th><th>package</th><th>form</th><th>signer</th>"
           "<th>with evidence</th><th>无</th><th>missing</th><th>pages</th><th>self-score 自评分</th><th>problems</th></tr>\n";
    for (std::size_t i : order) {
        const Report& r = reports[i];
        const Contents* c = r.contents ? &*r.contents : nullptr;
        out += row({std::string("<span class=\"mark\">") + (r.ok() ? "✓ OK" : "✗ FAILED") + "</span>",
                    c ? html_text(c->organization) : "",
                    "<a href=\"" + percent_encode(pages[i]) + "\">" + html_text(util::basename(r.package)) + "</a>",
                    c ? html_text(c->form_id) : "",
                    r.refused ? "" : html_text(signer_name(r)),
                    c ? std::to_string(c->with_evidence) : "",
                    c ? std::to_string(c->none) : "",
                    c ? std::to_string(c->missing) : "",
                    c ? std::to_string(c->pages) : "",
                    c && c->score ? number_text(c->score) + (c->points ? "/" + number_text(c->points) : "") : "",
                    html_text(what_failed(r))},
                   r.ok() ? "pass" : "fail");
    }
    return out + "</table>\n<p class=\"summary\">evpack " EVPACK_VERSION "</p>\n</body>\n</html>\n";
}

std::vector<std::string> write_report(const std::string& dir, const std::vector<Report>& reports, bool index)
{
    struct stat st{};
    if (::stat(dir.c_str(), &st) != 0) {
        if (::mkdir(dir.c_str(), 0777) != 0) {
            throw IoError(Position{dir}, std::string("cannot create the report folder: ") + std::strerror(errno));
        }
    } else if (!S_ISDIR(st.st_mode)) {
        throw IoError(Position{dir}, "exists and is not a folder");
    }
    index = index || reports.size() > 1;
    std::set<std::string> taken = {"index.html"};
    std::vector<std::string> pages, written;
    for (const Report& r : reports) {
        std::string base = util::terminal_safe(util::basename(r.package));
        std::replace(base.begin(), base.end(), '\\', '_');
        if (base.empty() || base[0] == '.') {
            base = "_" + base;
        }
        std::string name = base + ".html";
        for (int n = 2; !taken.insert(name).second; ++n) {
            name = base + "-" + std::to_string(n) + ".html";
        }
        pages.push_back(name);
    }
    for (std::size_t i = 0; i < reports.size(); ++i) {
        std::string path = util::join(dir, pages[i]);
        util::write_file_atomic(path, format_html(reports[i], index ? "index.html" : ""));
        written.push_back(path);
    }
    if (index) {
        std::string path = util::join(dir, "index.html");
        util::write_file_atomic(path, format_index_html(reports, pages));
        written.push_back(path);
    }
    return written;
}

} // namespace evpack::verify
