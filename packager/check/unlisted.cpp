#include "check/unlisted.hpp"

#include "manifest/evidence_tree.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/unicode.hpp"

#include <filesystem>
#include <map>
#include <set>

namespace fs = std::filesystem;

namespace evpack::check {

namespace {

// Absolute and NFC, as check finds names (util::NameLookup): the manifest's folder may be given as
// "." or by any other route, a name on disk may be NFD. cwd is asked for once: each
// fs::absolute is a getcwd call.
class Keys
{
public:
    std::string normal(const fs::path& p) const
    {
        return (p.is_absolute() ? p : m_cwd / p).lexically_normal().generic_string();
    }
    std::string key(const fs::path& p) const { return util::nfc(normal(p)); }
    // p relative to dir, '/'-separated.
    std::string relative(const fs::path& p, const fs::path& dir) const
    {
        return fs::path(normal(p)).lexically_relative(normal(dir)).generic_string();
    }

private:
    fs::path m_cwd = fs::current_path();
};

} // namespace

std::vector<Unlisted> find_unlisted(const manifest::Manifest& m, const forms::Form& form,
                                    const std::vector<std::vector<EvidenceResult>>& evidence)
{
    Keys keys;
    fs::path dir = m.dir.empty() ? "." : m.dir;
    std::map<std::string, std::size_t> entry_of;
    std::set<std::string> roots;  // relative to the manifest's folder
    std::set<std::string> listed; // keys of the files listed
    std::set<std::pair<std::string, std::string>> looked_at; // indicator, folder: its root is known
    for (std::size_t i = 0; i < m.indicators.size() && i < evidence.size(); ++i) {
        entry_of.emplace(m.indicators[i].id, i);
        for (std::size_t j = 0; j < evidence[i].size() && j < m.indicators[i].evidence.size(); ++j) {
            const std::string& file = m.indicators[i].evidence[j].file;
            // Also when check could not bind it (two names alike on disk): it is not left out.
            listed.insert(keys.key(util::join(m.dir, file)));
            // Files of one folder share a root: work it out once.
            if (evidence[i][j].path.empty() || !looked_at.emplace(m.indicators[i].id, util::dirname(file)).second) {
                continue;
            }
            if (auto root = manifest::evidence_root_of(file, m.indicators[i].id, form)) {
                roots.insert(*root);
            }
        }
    }
    std::vector<Unlisted> out;
    for (const std::string& root : roots) {
        std::string evidence_dir = util::join(m.dir, root);
        manifest::EvidenceTree tree;
        try {
            tree = manifest::scan_evidence(form, evidence_dir);
        } catch (const Error&) {
            continue; // gone since the files were checked
        }
        for (const auto& [id, files] : tree.files) {
            auto entry = entry_of.find(id);
            if (entry == entry_of.end()) {
                continue; // the indicator is missing: reported as such
            }
            for (const fs::path& f : files) {
                if (!listed.count(keys.key(f))) {
                    out.push_back({entry->second, "'" + keys.relative(f, dir) + "' is in the folder of indicator "
                                                      + id + " but not in the manifest; list it, or run 'evpack init --update'"});
                }
            }
        }
        for (const auto& [id, bad] : tree.bad_names) {
            auto entry = entry_of.find(id);
            if (entry == entry_of.end()) {
                continue;
            }
            for (const manifest::BadName& b : bad) {
                out.push_back({entry->second, "the folder of indicator " + id + " holds a file the manifest cannot list: "
                                                  + manifest::describe_bad_name(b, evidence_dir)});
            }
        }
    }
    return out;
}

} // namespace evpack::check
