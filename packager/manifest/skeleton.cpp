#include "manifest/skeleton.hpp"

#include "manifest/manifest.hpp"
#include "util/error.hpp"
#include "util/unicode.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>

namespace fs = std::filesystem;

namespace evpack::manifest {

namespace {

bool is_alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// "10" matches "10", "10-技术攻关", "10 合同" but not "100" or "10a".
bool folder_matches(const std::string& folder, const std::string& id)
{
    if (folder.compare(0, id.size(), id) != 0) {
        return false;
    }
    return folder.size() == id.size() || !is_alnum(folder[id.size()]);
}

// Natural order: "2.pdf" before "10.pdf".
bool natural_less(const std::string& a, const std::string& b)
{
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (std::isdigit(static_cast<unsigned char>(a[i])) && std::isdigit(static_cast<unsigned char>(b[j]))) {
            std::size_t i2 = i, j2 = j;
            while (i2 < a.size() && std::isdigit(static_cast<unsigned char>(a[i2]))) ++i2;
            while (j2 < b.size() && std::isdigit(static_cast<unsigned char>(b[j2]))) ++j2;
            std::string na = a.substr(i, i2 - i), nb = b.substr(j, j2 - j);
            na.erase(0, std::min(na.find_first_not_of('0'), na.size()));
            nb.erase(0, std::min(nb.find_first_not_of('0'), nb.size()));
            if (na.size() != nb.size()) {
                return na.size() < nb.size();
            }
            if (na != nb) {
                return na < nb;
            }
            i = i2;
            j = j2;
        } else {
            if (a[i] != b[j]) {
                return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
            }
            ++i;
            ++j;
        }
    }
    return a.size() - i < b.size() - j;
}

// Files under dir, in natural order. A symbolic link that leads outside root (the evidence
// folder) is skipped with a warning: check would reject it, and it may point at anything.
std::vector<fs::path> files_under(const fs::path& dir, const fs::path& root, std::vector<std::string>& warnings)
{
    std::vector<fs::path> files;
    std::error_code ec;
    fs::path real_root = fs::weakly_canonical(root, ec);
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (!name.empty() && name[0] == '.') {
            if (it->is_directory()) {
                it.disable_recursion_pending();
            }
            continue;
        }
        if (it->is_symlink()) {
            std::error_code link_ec;
            fs::path target = fs::weakly_canonical(it->path(), link_ec);
            std::string rel = target.lexically_relative(real_root).generic_string();
            if (link_ec || rel.empty() || rel == ".." || rel.rfind("../", 0) == 0) {
                warnings.push_back("'" + it->path().generic_string() + "' is a symbolic link to '" + target.generic_string()
                                   + "', outside the evidence folder; skipped");
                continue;
            }
        }
        if (it->is_regular_file()) {
            files.push_back(it->path());
        }
    }
    std::sort(files.begin(), files.end(),
              [&](const fs::path& a, const fs::path& b) { return natural_less(a.string(), b.string()); });
    return files;
}

} // namespace

Skeleton make_skeleton(const forms::Form& form, const std::string& evidence_dir, const std::string& manifest_dir)
{
    Skeleton out;
    std::map<std::string, std::vector<fs::path>> by_indicator;
    if (!evidence_dir.empty()) {
        std::error_code ec;
        if (!fs::is_directory(evidence_dir, ec)) {
            throw UsageError(Position{evidence_dir}, "not a folder");
        }
        std::vector<std::string> folders;
        for (const auto& entry : fs::directory_iterator(evidence_dir, ec)) {
            if (entry.is_directory()) {
                folders.push_back(entry.path().filename().string());
            }
        }
        std::sort(folders.begin(), folders.end(), natural_less);
        for (const std::string& folder : folders) {
            const forms::Indicator* match = nullptr;
            for (const forms::Indicator& ind : form.indicators) {
                // The longest id wins: "1.2" before "1" when a form has both.
                if (folder_matches(folder, ind.id) && (!match || ind.id.size() > match->id.size())) {
                    match = &ind;
                }
            }
            if (!match) {
                out.warnings.push_back("folder '" + folder + "' matches no indicator of form '" + form.id + "'; skipped");
                continue;
            }
            auto& list = by_indicator[match->id];
            for (const fs::path& f : files_under(fs::path(evidence_dir) / folder, evidence_dir, out.warnings)) {
                list.push_back(f);
            }
        }
    }
    fs::path base = fs::absolute(manifest_dir.empty() ? "." : manifest_dir).lexically_normal();

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
        o << "\n[[indicator]]\nid = " << quote(ind.id) << "  # " << util::truncate_width(ind.title, 60);
        if (ind.points) {
            o << "（" << *ind.points << " 分）";
        }
        o << "\n";
        auto it = by_indicator.find(ind.id);
        if (it == by_indicator.end() || it->second.empty()) {
            o << "none = \"\"  # list evidence below, or say why there is none (无)\n";
            ++out.placeholders;
            continue;
        }
        for (const fs::path& f : it->second) {
            fs::path abs = fs::absolute(f).lexically_normal();
            std::string rel = abs.lexically_relative(base).generic_string();
            o << "\n  [[indicator.evidence]]\n";
            o << "  file = " << quote(util::nfc(rel)) << "\n";
            o << "  title = " << quote(util::nfc(f.stem().string())) << "\n";
            if (ind.joint) {
                o << "  members = []  # at least " << ind.joint->min_members << " members of the roster\n";
            }
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
