#include "manifest/evidence_tree.hpp"

#include "util/charset.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/unicode.hpp"

#include <algorithm>
#include <cctype>

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

int chinese_digit(char32_t c)
{
    static const std::u32string digits = U"零一二三四五六七八九";
    if (c == U'〇') {
        return 0;
    }
    if (c == U'两') {
        return 2;
    }
    auto i = digits.find(c);
    return i == std::u32string::npos ? -1 : static_cast<int>(i);
}

bool is_ideograph(char32_t c) { return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || c >= 0x20000; }

// The number a folder name starts with, as people write it, when what follows it separates it
// from the rest of the name.
std::optional<long> leading_number(const std::string& folder)
{
    std::u32string s = util::to_u32(util::fold_key(folder)); // full-width （５） -> (5)
    std::size_t i = 0;
    static const std::u32string opening = U"([【〔", closing = U")]】〕";
    std::size_t bracket = i < s.size() ? opening.find(s[i]) : std::u32string::npos;
    if (bracket != std::u32string::npos) {
        ++i;
    }
    bool ordinal = i < s.size() && s[i] == U'第';
    if (ordinal) {
        ++i;
    }
    long value = 0;
    std::size_t start = i;
    bool chinese = false;
    if (i < s.size() && s[i] >= U'0' && s[i] <= U'9') {
        while (i < s.size() && s[i] >= U'0' && s[i] <= U'9' && value < 100000) {
            value = value * 10 + (s[i] - U'0');
            ++i;
        }
    } else {
        long total = 0, current = 0;
        for (; i < s.size(); ++i) {
            int d = chinese_digit(s[i]);
            if (d >= 0) {
                current = d;
            } else if (s[i] == U'十' || s[i] == U'百') {
                total += (current == 0 ? 1 : current) * (s[i] == U'十' ? 10 : 100);
                current = 0;
            } else {
                break;
            }
        }
        value = total + current;
        chinese = true;
    }
    if (i == start) {
        return std::nullopt;
    }
    bool counter = false;
    if (i < s.size() && (s[i] == U'类' || s[i] == U'项' || s[i] == U'条')) {
        counter = true;
        ++i;
    }
    if (bracket != std::u32string::npos) {
        if (i >= s.size() || s[i] != closing[bracket]) {
            return std::nullopt;
        }
        return value;
    }
    if (i == s.size() || ordinal || counter) {
        return value;
    }
    char32_t next = s[i];
    bool ascii_alnum = next < 0x80 && is_alnum(static_cast<char>(next));
    if (ascii_alnum || (chinese && is_ideograph(next))) {
        return std::nullopt; // "10a", "一般材料"
    }
    return value;
}

// A path with each component that is not UTF-8 read as GB18030; nullopt when one is not that either.
std::optional<std::string> decode_gbk_components(const std::string& path)
{
    std::string out;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = std::min(path.find('/', start), path.size());
        std::string part = path.substr(start, end - start);
        if (!util::is_valid_utf8(part)) {
            auto decoded = util::try_to_utf8(part, "GB18030");
            if (!decoded) {
                return std::nullopt;
            }
            part = *decoded;
        }
        out += (start ? "/" : "") + part;
        start = end + 1;
    }
    return out;
}

// Files under dir, in natural order. A symbolic link that leads outside root (the evidence
// folder) is skipped with a warning: check would reject it, and it may point at anything.
void files_under(const fs::path& dir, const fs::path& root, const std::string& id, EvidenceTree& tree)
{
    std::vector<fs::path> files;
    std::error_code ec;
    fs::path real_root = fs::weakly_canonical(root, ec);
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::string name = it->path().filename().string();
        if ((!name.empty() && name[0] == '.') || system_file_reason(name)) {
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
                tree.warnings.push_back("'" + util::escape_invalid_utf8(it->path().generic_string())
                                        + "' is a symbolic link to '" + util::escape_invalid_utf8(target.generic_string())
                                        + "', outside the evidence folder; skipped");
                continue;
            }
        }
        if (!it->is_regular_file()) {
            continue;
        }
        std::string rel = it->path().lexically_relative(root).generic_string();
        if (!util::is_valid_utf8(rel)) {
            BadName bad{util::escape_invalid_utf8(it->path().generic_string()),
                        decode_gbk_components(it->path().generic_string())};
            tree.bad_names[id].push_back(bad);
            tree.warnings.push_back(describe_bad_name(bad, root.string()) + "; not listed");
            continue;
        }
        files.push_back(it->path());
    }
    // Names that differ only by normalisation (one made on a Mac) are one name in a manifest:
    // which file it means cannot be told, so neither is listed.
    std::map<std::string, std::vector<fs::path>> by_nfc;
    for (const fs::path& f : files) {
        by_nfc[util::nfc(f.generic_string())].push_back(f);
    }
    std::vector<fs::path> listable;
    for (auto& [key, same] : by_nfc) {
        if (same.size() == 1) {
            listable.push_back(same.front());
            continue;
        }
        std::string names;
        for (const fs::path& f : same) {
            names += (names.empty() ? "'" : " and '") + f.generic_string() + "'";
        }
        tree.warnings.push_back(names + " have names that look the same but are stored differently (one was probably copied "
                                        "from a Mac); rename one; not listed");
    }
    std::sort(listable.begin(), listable.end(),
              [&](const fs::path& a, const fs::path& b) { return natural_less(a.string(), b.string()); });
    auto& list = tree.files[id];
    list.insert(list.end(), listable.begin(), listable.end());
}

} // namespace

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

std::optional<std::string> indicator_for_folder(const std::string& folder, const forms::Form& form)
{
    const forms::Indicator* match = nullptr;
    for (const forms::Indicator& ind : form.indicators) {
        // The longest id wins: "1.2" before "1" when a form has both.
        if (folder_matches(folder, ind.id) && (!match || ind.id.size() > match->id.size())) {
            match = &ind;
        }
    }
    if (match) {
        return match->id;
    }
    if (auto n = leading_number(folder)) {
        std::string id = std::to_string(*n);
        if (form.index_of(id) >= 0) {
            return id;
        }
    }
    return std::nullopt;
}

std::optional<std::string> evidence_root_of(const std::string& rel, const std::string& indicator_id,
                                            const forms::Form& form)
{
    std::string root;
    std::vector<std::string> parts;
    for (const std::string& p : util::path_components(fs::path(rel).lexically_normal().generic_string())) {
        if (!p.empty() && p != ".") {
            parts.push_back(p);
        }
    }
    for (std::size_t k = 0; k + 1 < parts.size(); ++k) {
        if (parts[k] == "..") {
            return std::nullopt;
        }
        if (indicator_for_folder(parts[k], form) == indicator_id) {
            return root.empty() ? "." : root;
        }
        root += (root.empty() ? "" : "/") + parts[k];
    }
    return std::nullopt;
}

const char* system_file_reason(const std::string& name)
{
    std::string lower = name;
    for (char& c : lower) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (lower == "thumbs.db" || lower == "ehthumbs.db") {
        return "a thumbnail cache that Windows writes";
    }
    if (lower == "desktop.ini") {
        return "a folder-settings file that Windows writes";
    }
    if (name == ".DS_Store") {
        return "a folder-settings file that macOS writes";
    }
    if (name.rfind("._", 0) == 0) {
        return "a file of extra attributes that macOS writes beside a file copied to a disk that is not a Mac's";
    }
    if (name.rfind("~$", 0) == 0) {
        return "the lock file Word, Excel or PowerPoint keeps while a document is open";
    }
    return nullptr;
}

std::string describe_bad_name(const BadName& bad, const std::string& evidence_dir)
{
    std::string s = "'" + bad.path + "' has a name that is not UTF-8";
    if (bad.decoded) {
        s += " (in GBK it reads '" + *bad.decoded + "')";
    }
    if (!bad.decoded) {
        return s + " (nor GBK); rename it";
    }
    return s + "; rename it to UTF-8 with: convmv -f gbk -t utf8 -r --notest '" + util::escape_invalid_utf8(evidence_dir) + "'";
}

EvidenceTree scan_evidence(const forms::Form& form, const std::string& evidence_dir)
{
    EvidenceTree tree;
    std::error_code ec;
    if (!fs::is_directory(evidence_dir, ec)) {
        throw UsageError(Position{evidence_dir}, "not a folder");
    }
    std::vector<std::string> folders;
    for (const auto& entry : fs::directory_iterator(evidence_dir, ec)) {
        std::string name = entry.path().filename().string();
        if (entry.is_directory() && !name.empty() && name[0] != '.') {
            folders.push_back(name);
        }
    }
    std::sort(folders.begin(), folders.end(), natural_less);
    for (const std::string& folder : folders) {
        if (!util::is_valid_utf8(folder)) {
            std::string path = (fs::path(evidence_dir) / folder).generic_string();
            BadName bad{util::escape_invalid_utf8(path), decode_gbk_components(path)};
            tree.warnings.push_back(describe_bad_name(bad, evidence_dir) + "; skipped");
            continue;
        }
        auto id = indicator_for_folder(folder, form);
        if (!id) {
            tree.warnings.push_back("folder '" + folder + "' matches no indicator of form '" + form.id + "'; skipped");
            continue;
        }
        files_under(fs::path(evidence_dir) / folder, evidence_dir, *id, tree);
    }
    return tree;
}

} // namespace evpack::manifest
