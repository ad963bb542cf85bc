#include "verify/json.hpp"

#include "util/terminal.hpp"

namespace evpack::verify {

namespace {

using nlohmann::ordered_json;

template <typename T>
ordered_json or_null(const std::optional<T>& v)
{
    return v ? ordered_json(*v) : ordered_json(nullptr);
}

ordered_json pages_json(const std::optional<std::pair<int, int>>& pages)
{
    return pages ? ordered_json::array({pages->first, pages->second}) : ordered_json(nullptr);
}

ordered_json contents_json(const Contents& c)
{
    ordered_json groups = ordered_json::array();
    for (const Group& g : c.groups) {
        groups.push_back({{"id", g.id}, {"title", g.title}, {"points", or_null(g.points)}});
    }
    ordered_json indicators = ordered_json::array();
    for (const IndicatorRow& row : c.indicators) {
        ordered_json docs = ordered_json::array();
        for (const Document& d : row.documents) {
            docs.push_back({{"number", d.number}, {"title", d.title}, {"date", d.date}, {"members", d.members},
                            {"file", d.file}, {"see", or_null(d.see)}, {"sha256", d.sha256}, {"pages", pages_json(d.pages)}});
        }
        indicators.push_back({{"id", row.id}, {"title", row.title}, {"group", row.group}, {"points", or_null(row.points)},
                              {"score", or_null(row.score)}, {"status", row.status}, {"none", row.none},
                              {"summary", row.summary}, {"pages", pages_json(row.pages)}, {"documents", docs}});
    }
    return {{"organization", c.organization},
            {"title", c.title},
            {"form", {{"id", c.form_id}, {"title", c.form_title}}},
            {"indicators_with_evidence", c.with_evidence},
            {"indicators_none", c.none},
            {"indicators_missing", c.missing},
            {"pages", c.pages},
            {"points", or_null(c.points)},
            {"score", or_null(c.score)},
            {"groups", groups},
            {"indicators", indicators}};
}

} // namespace

ordered_json to_json(const Report& report)
{
    ordered_json j;
    j["package"] = report.package;
    j["ok"] = report.ok();
    j["refused"] = or_null(report.refused);
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
    auto timestamp = [](const crypto::TimestampCheck& t) -> ordered_json {
        if (!t.present) {
            return nullptr;
        }
        return {{"tsa", t.tsa}, {"time", t.time}, {"valid", t.valid}, {"trusted", t.trusted}};
    };
    if (report.signed_package) {
        j["signer"]["timestamp"] = timestamp(report.signature.timestamp);
    }
    if (report.signed_appendix) {
        const auto& a = report.appendix_signature;
        j["appendix_signature"] = {{"subject", a.signer.subject}, {"sha256", a.signer.fingerprint},
                                   {"signing_time", report.appendix_signing_time}, {"valid", a.valid},
                                   {"trusted", a.trusted}, {"timestamp", timestamp(a.timestamp)}};
    } else {
        j["appendix_signature"] = nullptr;
    }
    j["contents"] = report.contents ? contents_json(*report.contents) : ordered_json(nullptr);
    return j;
}

std::string dump_json(const ordered_json& j)
{
    // Invalid UTF-8 from a hostile package is replaced rather than thrown on.
    return util::json_safe(j.dump(2, ' ', false, ordered_json::error_handler_t::replace)) + "\n";
}

} // namespace evpack::verify
