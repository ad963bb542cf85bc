#include "forms/form.hpp"

#include "util/toml_reader.hpp"

#include <algorithm>
#include <map>

namespace evpack::forms {

const std::vector<std::string>& evidence_kinds()
{
    static const std::vector<std::string> kinds = {"contract", "patent",  "certificate", "minutes",
                                                   "report",   "photo",   "other"};
    return kinds;
}

bool is_evidence_kind(const std::string& kind)
{
    const auto& k = evidence_kinds();
    return std::find(k.begin(), k.end(), kind) != k.end();
}

const Indicator* Form::find(const std::string& indicator_id) const
{
    int i = index_of(indicator_id);
    return i < 0 ? nullptr : &indicators[static_cast<std::size_t>(i)];
}

int Form::index_of(const std::string& indicator_id) const
{
    for (std::size_t i = 0; i < indicators.size(); ++i) {
        if (indicators[i].id == indicator_id) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

std::optional<int> Form::total_points() const
{
    int total = 0;
    bool any = false;
    for (const Indicator& ind : indicators) {
        if (ind.points) {
            total += *ind.points;
            any = true;
        }
    }
    return any ? std::optional<int>(total) : std::nullopt;
}

std::string Form::period_text() const
{
    if (period_start && period_end) {
        return period_start->to_string() + " – " + period_end->to_string();
    }
    if (period_end) {
        return "截至 " + period_end->to_string();
    }
    if (period_start) {
        return period_start->to_string() + " 起";
    }
    return "";
}

namespace {

std::optional<int> read_points(util::TableReader& r, Diagnostics& diags)
{
    auto p = r.integer("points");
    if (p && (*p < 0 || *p > 10000)) {
        diags.error(r.position("points"), "form-points", "points must be between 0 and 10000");
        return std::nullopt;
    }
    return p ? std::optional<int>(static_cast<int>(*p)) : std::nullopt;
}

} // namespace

std::optional<Form> parse_form(const std::string& text, const std::string& path, Diagnostics& diags)
{
    auto parsed = util::parse_toml(text, path, diags);
    if (!parsed) {
        return std::nullopt;
    }
    std::size_t errors_before = diags.count(Severity::error);
    Form form;
    form.path = path;
    form.text = text;

    util::TableReader top(*parsed, path, diags, "the form");
    form.id = top.string("id", true).value_or("");
    form.title = top.string("title", true).value_or("");
    form.issuer = top.string("issuer").value_or("");
    form.source = top.string("source").value_or("");
    form.instructions = top.string("instructions").value_or("");
    if (auto label = top.string("item_label")) {
        if (label->find_first_not_of(" \t") == std::string::npos) {
            diags.error(top.position("item_label"), "form-item-label", "item_label is blank");
        } else {
            form.item_label = *label;
        }
    }
    if (auto layout = top.string("layout")) {
        if (*layout != "a4" && *layout != "original") {
            diags.error(top.position("layout"), "form-layout", "layout must be \"a4\" or \"original\", not '" + *layout + "'");
        } else {
            form.layout = *layout;
        }
    }
    form.declaration = top.string("declaration").value_or("");
    form.signature_lines = top.strings("signature_lines").value_or(std::vector<std::string>{});
    for (const std::string& line : form.signature_lines) {
        // Only the two placeholders build fills in; a typo would be printed as it is.
        for (std::size_t open = line.find('{'); open != std::string::npos; open = line.find('{', open + 1)) {
            std::size_t close = line.find('}', open);
            std::string name = close == std::string::npos ? line.substr(open) : line.substr(open + 1, close - open - 1);
            if (name != "organization" && name != "date") {
                diags.error(top.position("signature_lines"), "form-placeholder",
                            "'{" + name + (close == std::string::npos ? "" : "}")
                                + "' in signature_lines: only {organization} and {date} are filled in");
            }
        }
    }
    if (const toml::table* period = top.table("period")) {
        util::TableReader pr(*period, path, diags, "[period]");
        form.period_start = pr.date("start");
        form.period_end = pr.date("end");
        if (form.period_start && form.period_end && *form.period_end < *form.period_start) {
            diags.error(pr.position("end"), "form-period", "the period ends before it starts");
        }
        pr.finish();
    }
    if (!form.id.empty()
        && !std::all_of(form.id.begin(), form.id.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
           })) {
        diags.error(top.position("id"), "form-id", "form id '" + form.id + "' may use only a-z, 0-9, '-', '_' and '.'");
    }

    std::map<std::string, Position> seen;
    auto groups = top.tables("group", true);
    if (groups.empty() && top.has("group")) {
        diags.error(top.position("group"), "form-empty", "the form has no groups");
    }
    for (const toml::table* gt : groups) {
        util::TableReader gr(*gt, path, diags, "[[group]]");
        Group group;
        group.position = gr.position();
        group.id = gr.string("id").value_or(std::to_string(form.groups.size() + 1));
        group.title = gr.string("title", true).value_or("");
        group.points = read_points(gr, diags);
        auto indicators = gr.tables("indicator", true);
        int sum = 0;
        bool all_points = !indicators.empty();
        for (const toml::table* it : indicators) {
            util::TableReader ir(*it, path, diags, "[[group.indicator]]");
            Indicator ind;
            ind.position = ir.position();
            ind.group = form.groups.size();
            if (auto id = ir.string("id", true)) {
                ind.id = *id;
                if (ind.id.empty()) {
                    diags.error(ir.position("id"), "form-indicator-id", "an indicator id must not be empty");
                } else if (auto prev = seen.find(ind.id); prev != seen.end()) {
                    diags.error(ir.position("id"), "form-duplicate-indicator",
                                "indicator '" + ind.id + "' is defined twice (first at " + prev->second.to_string() + ")");
                } else {
                    seen.emplace(ind.id, ir.position("id"));
                }
            }
            ind.title = ir.string("title", true).value_or("");
            ind.points = read_points(ir, diags);
            ind.note = ir.string("note").value_or("");
            if (ind.points) {
                sum += *ind.points;
            } else {
                all_points = false;
            }
            if (const toml::table* jt = ir.table("joint")) {
                util::TableReader jr(*jt, path, diags, "the joint-work rule");
                JointRule rule;
                rule.min_members = static_cast<int>(jr.integer("min_members", true).value_or(2));
                rule.mark_from = static_cast<int>(jr.integer("mark_from").value_or(rule.min_members + 1));
                if (rule.min_members < 1 || rule.min_members > 1000) {
                    diags.error(jr.position("min_members"), "form-joint", "min_members must be between 1 and 1000");
                }
                if (rule.mark_from < rule.min_members) {
                    diags.error(jr.position("mark_from"), "form-joint", "mark_from must not be below min_members");
                }
                jr.finish();
                ind.joint = rule;
            }
            if (auto kinds = ir.strings("kinds")) {
                for (const std::string& k : *kinds) {
                    if (!is_evidence_kind(k)) {
                        diags.error(ir.position("kinds"), "form-kind", "unknown evidence kind '" + k + "'");
                    }
                }
                ind.kinds = *kinds;
            }
            ir.finish();
            group.indicators.push_back(form.indicators.size());
            form.indicators.push_back(std::move(ind));
        }
        if (group.points && all_points && sum != *group.points) {
            diags.error(gr.position("points"), "form-points",
                        "group '" + group.title + "' has " + std::to_string(*group.points)
                            + " points but its indicators add up to " + std::to_string(sum));
        }
        gr.finish();
        form.groups.push_back(std::move(group));
    }
    top.finish();
    if (diags.count(Severity::error) > errors_before) {
        return std::nullopt;
    }
    return form;
}

} // namespace evpack::forms
