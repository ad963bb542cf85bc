#include "util/name_lookup.hpp"

#include "util/file.hpp"
#include "util/suggest.hpp"
#include "util/unicode.hpp"

#include <dirent.h>
#include <memory>

namespace evpack::util {

namespace {

struct DirCloser
{
    void operator()(DIR* d) const { ::closedir(d); }
};

std::string joined(const std::string& a, const std::string& b) { return a.empty() ? b : a + "/" + b; }

} // namespace

const std::multimap<std::string, std::string>& NameLookup::entries(const std::string& dir)
{
    auto it = m_dirs.find(dir);
    if (it != m_dirs.end()) {
        return it->second;
    }
    std::multimap<std::string, std::string> names;
    std::unique_ptr<DIR, DirCloser> d(::opendir(join(m_base, dir.empty() ? "." : dir).c_str()));
    if (d) {
        while (const dirent* e = ::readdir(d.get())) {
            std::string name = e->d_name;
            if (name != "." && name != "..") {
                names.emplace(nfc(name), name);
            }
        }
    }
    return m_dirs.emplace(dir, std::move(names)).first->second;
}

NameLookup::Result NameLookup::find(const std::string& rel)
{
    std::vector<std::string> parts;
    for (const std::string& p : path_components(rel)) {
        if (!p.empty() && p != ".") {
            parts.push_back(p);
        }
    }
    Result r;
    std::string on_disk;   // relative to base
    std::string suggested; // the nearest path, while every step has one
    bool suggesting = true;
    for (std::size_t k = 0; k < parts.size(); ++k) {
        const std::string& part = parts[k];
        if (part == "..") {
            on_disk = joined(on_disk, part);
            suggested = joined(suggested, part);
            continue;
        }
        const auto& names = entries(on_disk);
        auto [lo, hi] = names.equal_range(nfc(part));
        std::size_t count = static_cast<std::size_t>(std::distance(lo, hi));
        if (count > 1) {
            r.status = Result::Status::ambiguous;
            for (auto it = lo; it != hi; ++it) {
                r.alike.push_back(joined(on_disk, it->second));
            }
            return r;
        }
        if (count == 1) {
            on_disk = joined(on_disk, lo->second);
            suggested = joined(suggested, lo->second);
            continue;
        }
        // Missing: say where, and follow the nearest names down for a suggestion.
        r.status = Result::Status::missing;
        r.missing_folder = on_disk;
        r.missing_name = part;
        r.missing_is_last = k + 1 == parts.size();
        std::string dir_now = on_disk;
        for (std::size_t m = k; m < parts.size() && suggesting; ++m) {
            if (parts[m] == "..") {
                suggesting = false;
                break;
            }
            const auto& here = entries(dir_now);
            auto [first, last] = here.equal_range(nfc(parts[m]));
            std::string next;
            if (std::distance(first, last) == 1) {
                next = first->second;
            } else if (first != last) {
                suggesting = false;
                break;
            } else {
                std::vector<std::string> candidates;
                for (const auto& entry : here) {
                    if (!m_offer || m_offer(entry.second)) {
                        candidates.push_back(entry.second);
                    }
                }
                auto best = nearest(parts[m], candidates);
                if (!best) {
                    suggesting = false;
                    break;
                }
                next = *best;
            }
            dir_now = joined(dir_now, next);
            suggested = joined(suggested, next);
        }
        if (suggesting) {
            r.suggestion = suggested;
        }
        return r;
    }
    r.status = Result::Status::found;
    r.path = join(m_base, on_disk.empty() ? "." : on_disk);
    return r;
}

} // namespace evpack::util
