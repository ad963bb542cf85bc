#include "verify/checks.hpp"

#include "check/check.hpp"
#include "evidence/office_type.hpp"
#include "forms/builtin.hpp"

namespace evpack::verify {

namespace {

std::string describe_form_difference(const forms::Form& inside, const forms::Form& builtin)
{
    std::vector<std::string> diffs;
    for (const auto& ind : builtin.indicators) {
        const forms::Indicator* other = inside.find(ind.id);
        if (!other) {
            diffs.push_back("indicator " + ind.id + " is missing");
        } else if (other->title != ind.title) {
            diffs.push_back("indicator " + ind.id + "'s title differs");
        } else if (other->points != ind.points) {
            diffs.push_back("indicator " + ind.id + "'s points differ");
        } else if (static_cast<bool>(other->joint) != static_cast<bool>(ind.joint)
                   || (ind.joint && (other->joint->min_members != ind.joint->min_members))) {
            diffs.push_back("indicator " + ind.id + "'s joint-work rule differs");
        }
    }
    for (const auto& ind : inside.indicators) {
        if (!builtin.find(ind.id)) {
            diffs.push_back("indicator " + ind.id + " is not in the built-in form");
        }
    }
    if (inside.index_of(builtin.indicators.front().id) != 0 && diffs.empty()) {
        diffs.push_back("the indicators are in another order");
    }
    if (diffs.empty()) {
        diffs.push_back("its text differs (wording, period or notes)");
    }
    std::string out;
    for (std::size_t i = 0; i < diffs.size() && i < 5; ++i) {
        out += (i ? "; " : "") + diffs[i];
    }
    if (diffs.size() > 5) {
        out += "; and " + std::to_string(diffs.size() - 5) + " more";
    }
    return out;
}

// An Office original is bound through its rendering: the package must hold both, each the file
// that was bound.
void check_rendering(const Collected& c, const std::string& indicator, const manifest::Evidence& ev, Report& r)
{
    std::string path = "data/" + ev.file;
    if (!ev.rendering) {
        // Evidence that is neither a PDF nor an image can only be an Office file, whatever its name.
        auto type = c.evidence_types.find(path);
        bool bound_as_is = type != c.evidence_types.end() && type->second != evidence::FileType::other
            && type->second != evidence::FileType::office;
        if (evidence::is_office_name(ev.file) || (type != c.evidence_types.end() && !bound_as_is)) {
            r.findings.push_back({"completeness", false, "indicator " + indicator + ": " + path
                                                             + " is an Office file but data/evpack.toml names no rendering of it"});
        }
        return;
    }
    std::string rendering = "data/" + *ev.rendering;
    auto it = c.entries.find(rendering);
    if (it == c.entries.end()) {
        r.findings.push_back({"completeness", false, "indicator " + indicator + ": " + rendering + ", the rendering of " + path
                                                         + ", is named by data/evpack.toml but not in the package"});
    } else if (!ev.rendering_sha256 || *ev.rendering_sha256 != it->second.sha256) {
        r.findings.push_back({"completeness", false, "indicator " + indicator + ": " + rendering
                                                         + " is not the rendering of " + path
                                                         + " that was bound (SHA-256 differs from data/evpack.toml)"});
    }
}

} // namespace

std::optional<check::Report> check_completeness(const Collected& c, Report& r)
{
    std::size_t before = r.findings.size();
    auto form_text = c.texts.find("data/form.toml");
    auto manifest_text = c.texts.find("data/evpack.toml");
    if (form_text == c.texts.end() || manifest_text == c.texts.end()) {
        r.findings.push_back({"completeness", false, std::string(form_text == c.texts.end() ? "data/form.toml" : "data/evpack.toml")
                                                         + " is missing: completeness cannot be checked"});
        return std::nullopt;
    }
    Diagnostics form_diags;
    auto form = forms::parse_form(form_text->second, "data/form.toml", form_diags);
    if (!form) {
        for (const auto& d : form_diags.items()) {
            r.findings.push_back({"completeness", false, d.to_string()});
        }
        return std::nullopt;
    }
    std::string form_note;
    if (const forms::Form* builtin = forms::find_builtin(form->id)) {
        if (builtin->text != form->text) {
            r.findings.push_back({"completeness", false, "data/form.toml differs from the built-in form '" + form->id
                                                             + "': " + describe_form_difference(*form, *builtin)});
        } else {
            form_note = "the built-in form '" + form->id + "'";
        }
    } else {
        form_note = "form '" + form->id + "' (not built in: checked against the packaged copy)";
    }
    check::Options options;
    options.read_files = false;
    options.form = &*form;
    check::Report report = check::run_text(manifest_text->second, "data/evpack.toml", options);
    for (const auto& d : report.diagnostics.items()) {
        if (d.severity == Severity::error) {
            r.findings.push_back({"completeness", false, d.to_string()});
        }
    }
    if (!report.manifest) {
        return std::nullopt;
    }
    int with_evidence = 0, none = 0;
    for (const auto& e : report.manifest->indicators) {
        (e.evidence.empty() ? none : with_evidence)++;
        for (const auto& ev : e.evidence) {
            if (ev.see) {
                continue; // binds no file; check_text resolved it above
            }
            std::string path = "data/" + ev.file;
            auto it = c.entries.find(path);
            if (it == c.entries.end()) {
                r.findings.push_back({"completeness", false, "indicator " + e.id + ": " + path + " is named by data/evpack.toml but not in the package"});
            } else if (!ev.sha256) {
                r.findings.push_back({"completeness", false, "indicator " + e.id + ": data/evpack.toml records no sha256 for " + path});
            } else if (*ev.sha256 != it->second.sha256) {
                r.findings.push_back({"completeness", false, "indicator " + e.id + ": " + path + " is not the file that was bound (SHA-256 differs from data/evpack.toml)"});
            }
            check_rendering(c, e.id, ev, r);
        }
    }
    if (r.findings.size() == before) {
        r.findings.push_back({"completeness", true, "all " + std::to_string(report.manifest->indicators.size())
                                                        + " indicators of " + form_note + " present in order: "
                                                        + std::to_string(with_evidence) + " with evidence, " + std::to_string(none) + " 无"});
    }
    return report;
}

} // namespace evpack::verify
