#include "manifest/skeleton.hpp"

#include "manifest/evidence_tree.hpp"
#include "manifest/manifest.hpp"
#include "util/error.hpp"
#include "util/unicode.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>

namespace fs = std::filesystem;

namespace evpack::manifest {

std::string evidence_entry(const std::string& rel, const std::string& title, const forms::Indicator& ind)
{
    std::string o = "  [[indicator.evidence]]\n";
    o += "  file = " + quote(util::nfc(rel)) + "\n";
    o += "  title = " + quote(util::nfc(title)) + "\n";
    if (ind.joint) {
        o += "  members = []  # at least " + std::to_string(ind.joint->min_members) + " members of the roster\n";
    }
    return o;
}

std::string indicator_header(const forms::Indicator& ind)
{
    std::string o = "[[indicator]]\nid = " + quote(ind.id) + "  # " + util::truncate_width(ind.title, 60);
    if (ind.points) {
        o += "（" + std::to_string(*ind.points) + " 分）";
    }
    return o + "\n";
}

const char* const none_placeholder = "none = \"\"  # list evidence below, or say why there is none (无)\n";

std::string manifest_relative(const std::filesystem::path& file, const std::string& manifest_dir)
{
    fs::path base = fs::absolute(manifest_dir.empty() ? "." : manifest_dir).lexically_normal();
    return fs::absolute(file).lexically_normal().lexically_relative(base).generic_string();
}

void keep_listable(EvidenceTree& tree, const std::string& manifest_dir)
{
    for (auto& [id, files] : tree.files) {
        files.erase(std::remove_if(files.begin(), files.end(),
                                   [&](const fs::path& f) {
                                       std::string rel = manifest_relative(f, manifest_dir);
                                       if (util::is_valid_utf8(rel)) {
                                           return false;
                                       }
                                       tree.warnings.push_back("'" + util::escape_invalid_utf8(rel)
                                                               + "' is not UTF-8 on its way from the manifest's folder "
                                                                 "(a folder's name is in another encoding); not listed");
                                       return true;
                                   }),
                    files.end());
    }
}

Skeleton make_skeleton(const forms::Form& form, const std::string& evidence_dir, const std::string& manifest_dir)
{
    Skeleton out;
    std::map<std::string, std::vector<fs::path>> by_indicator;
    if (!evidence_dir.empty()) {
        EvidenceTree tree = scan_evidence(form, evidence_dir);
        keep_listable(tree, manifest_dir);
        by_indicator = std::move(tree.files);
        out.warnings = std::move(tree.warnings);
    }

    std::ostringstream o;
    o << "# evpack manifest for form " << form.id << ": " << form.title << "\n";
    o << "# Fill in the empty strings, then run `evpack check`. The format: manifest/FORMAT.md.\n";
    o << "form = " << quote(form.id) << "\n";
    o << "title = \"\"          # e.g. 某某产业技术创新联盟 2020 年度自评材料 · 证明材料\n";
    o << "organization = \"\"   # the alliance, as on its seal\n";
    o << "\n# The alliance roster: every member named by evidence must be listed here.\n";
    o << "[[member]]\nname = \"\"\n";
    std::size_t group = static_cast<std::size_t>(-1);
    for (const forms::Indicator& ind : form.indicators) {
        if (ind.group != group) {
            group = ind.group;
            const forms::Group& g = form.groups[group];
            o << "\n# ── " << g.id << " " << g.title;
            if (g.points) {
                o << "（" << *g.points << " 分）";
            }
            o << "\n";
        }
        o << "\n" << indicator_header(ind);
        auto it = by_indicator.find(ind.id);
        if (it == by_indicator.end() || it->second.empty()) {
            o << none_placeholder;
            ++out.placeholders;
            continue;
        }
        for (const fs::path& f : it->second) {
            std::string rel = manifest_relative(f, manifest_dir);
            o << "\n" << evidence_entry(rel, f.stem().string(), ind);
            ++out.files;
            if (rel.rfind("../", 0) == 0) {
                out.warnings.push_back("'" + rel + "' is outside the manifest's folder; check will reject it");
            }
        }
    }
    out.text = o.str();
    return out;
}

} // namespace evpack::manifest
