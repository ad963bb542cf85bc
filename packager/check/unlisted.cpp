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

// Absolute: the manifest's folder may be given as "." or by any other route.
std::string normal(const fs::path& p) { return fs::absolute(p).lexically_normal().generic_string(); }

// A file as the manifest names it: NFC, as check finds names (util::NameLookup).
std::string key(const fs::path& p) { return util::nfc(normal(p)); }

// p relative to dir, '/'-separated.
std::string relative_to(const fs::path& p, const fs::path& dir)
{
    return fs::path(normal(p)).lexically_relative(normal(dir)).generic_string();
}

} // namespace

std::vector<Unlisted> find_unlisted(const manifest::Manifest& m, const forms::Form& form,
                                    const std::vector<std::vector<EvidenceResult>>& evidence)
{
    fs::path dir = m.dir.empty() ? "." : m.dir;
    std::map<std::string, std::size_t> entry_of;
    std::set<std::string> roots;  // relative to the manifest's folder
    std::set<std::string> listed; // normal paths of the files bound
    for (std::size_t i = 0; i < m.indicators.size() && i < evidence.size(); ++i) {
        entry_of.emplace(m.indicators[i].id, i);
        for (std::size_t j = 0; j < evidence[i].size() && j < m.indicators[i].evidence.size(); ++j) {
            const EvidenceResult& r = evidence[i][j];
            // Also when check could not bind it (two names alike on disk): it is not left out.
            listed.insert(key(util::join(m.dir, m.indicators[i].evidence[j].file)));
            if (r.path.empty()) {
                continue;
            }
            if (auto root = manifest::evidence_root_of(relative_to(r.path, dir),
                                                       m.indicators[i].id, form)) {
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
                if (!listed.count(key(f))) {
                    out.push_back({entry->second, "'" + relative_to(f, dir) + "' is in the folder of indicator "
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
