#include "manifest/update.hpp"

#include "forms/builtin.hpp"
#include "manifest/evidence_tree.hpp"
#include "manifest/manifest.hpp"
#include "manifest/skeleton.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/name_lookup.hpp"
#include "util/suggest.hpp"
#include "util/toml_reader.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

namespace fs = std::filesystem;

namespace evpack::manifest {

namespace {

std::string normal(const fs::path& p) { return fs::absolute(p).lexically_normal().generic_string(); }

// The manifest's lines, edited by line number; each keeps its own line ending.
class Lines
{
public:
    explicit Lines(const std::string& text)
    {
        std::size_t start = 0, crlf = 0, lf = 0;
        while (start < text.size()) {
            std::size_t end = text.find('\n', start);
            end = end == std::string::npos ? text.size() : end + 1;
            m_lines.push_back(text.substr(start, end - start));
            const std::string& l = m_lines.back();
            if (l.size() >= 2 && l.compare(l.size() - 2, 2, "\r\n") == 0) {
                ++crlf;
            } else if (!l.empty() && l.back() == '\n') {
                ++lf;
            }
            start = end;
        }
        m_eol = crlf > lf ? "\r\n" : "\n";
    }

    std::size_t size() const { return m_lines.size(); }
    bool blank(std::size_t i) const { return m_lines[i].find_first_not_of(" \t\r\n") == std::string::npos; }
    bool comment(std::size_t i) const
    {
        auto first = m_lines[i].find_first_not_of(" \t");
        return first != std::string::npos && m_lines[i][first] == '#';
    }
    // A comment at the start of the line: about what follows ("# ── 二 …"), where an indented one
    // is about the entry above it.
    bool top_comment(std::size_t i) const { return !m_lines[i].empty() && m_lines[i][0] == '#'; }
    // The line without its line break.
    std::string text(std::size_t i) const { return m_lines[i].substr(0, m_lines[i].find_first_of("\r\n")); }

    // Replaces lines [begin, end) by text ('\n'-separated, written with the file's line ending).
    // Edits apply in order from the end of the file, so that line numbers stay true; at one
    // place, the edit made first comes first.
    void edit(std::size_t begin, std::size_t end, const std::string& text)
    {
        m_edits.push_back({begin, end, m_edits.size(), text});
    }

    std::string apply()
    {
        std::sort(m_edits.begin(), m_edits.end(), [](const Edit& a, const Edit& b) {
            return std::tie(a.begin, a.end, a.seq) > std::tie(b.begin, b.end, b.seq);
        });
        for (const Edit& e : m_edits) {
            if (e.begin > 0 && e.begin == m_lines.size() && !e.text.empty() && m_lines.back().back() != '\n') {
                m_lines.back() += m_eol; // the last line had no line break
            }
            std::vector<std::string> add;
            std::size_t start = 0;
            while (start < e.text.size()) {
                std::size_t nl = e.text.find('\n', start);
                std::size_t stop = nl == std::string::npos ? e.text.size() : nl;
                add.push_back(e.text.substr(start, stop - start) + m_eol);
                start = stop + 1;
            }
            m_lines.erase(m_lines.begin() + static_cast<std::ptrdiff_t>(e.begin),
                          m_lines.begin() + static_cast<std::ptrdiff_t>(e.end));
            m_lines.insert(m_lines.begin() + static_cast<std::ptrdiff_t>(e.begin), add.begin(), add.end());
        }
        m_edits.clear();
        std::string out;
        for (const std::string& l : m_lines) {
            out += l;
        }
        return out;
    }

private:
    struct Edit
    {
        std::size_t begin, end, seq;
        std::string text;
    };
    std::vector<std::string> m_lines;
    std::vector<Edit> m_edits;
    std::string m_eol;
};

// Lines (1-based) of every table header: [[indicator]], [[indicator.evidence]], [[member]], ...
void header_lines(const toml::table& t, std::set<std::size_t>& out, bool root)
{
    if (!root && !t.is_inline()) {
        out.insert(t.source().begin.line);
    }
    for (const auto& [key, node] : t) {
        if (const toml::table* sub = node.as_table()) {
            header_lines(*sub, out, false);
        } else if (const toml::array* arr = node.as_array()) {
            for (const toml::node& item : *arr) {
                if (const toml::table* el = item.as_table()) {
                    header_lines(*el, out, false);
                }
            }
        }
    }
}

class Updater
{
public:
    Updater(const std::string& text, const Manifest& m, const forms::Form& form, const std::set<std::size_t>& headers,
            Update& out)
        : m_lines(text), m_m(m), m_form(form), m_headers(headers), m_out(out)
    {
    }

    void run(const EvidenceTree& tree);

private:
    // 0-based index of the first header after 1-based line `line`, or the end of the file.
    std::size_t next_header(std::size_t line) const
    {
        auto it = m_headers.upper_bound(line);
        return it == m_headers.end() ? m_lines.size() : *it - 1;
    }
    // An evidence entry's first line (0-based), with the comment lines right above its header.
    std::size_t lead(const Evidence& ev) const
    {
        std::size_t i = ev.position.line - 1;
        while (i > 0 && m_lines.comment(i - 1)) {
            --i;
        }
        return i;
    }
    // 0-based end of what belongs to the table whose header is at 1-based `line`. What follows
    // owns the comments right above its header (as lead() has it), and the blank lines and
    // comments at the start of a line before those.
    std::size_t end_of(std::size_t line) const
    {
        std::size_t end = next_header(line);
        while (end > line && m_lines.comment(end - 1)) {
            --end;
        }
        while (end > line && (m_lines.blank(end - 1) || m_lines.top_comment(end - 1))) {
            --end;
        }
        return end;
    }
    std::string entries(const std::vector<fs::path>& files, const forms::Indicator& ind)
    {
        std::string text;
        for (const fs::path& f : files) {
            std::string rel = manifest_relative(f, m_m.dir);
            text += "\n" + evidence_entry(rel, f.stem().string(), ind);
            m_out.added.push_back(rel);
        }
        return text;
    }
    void update_entry(const IndicatorEntry& e, const forms::Indicator& ind, std::vector<fs::path> fresh);
    void add_indicator(std::size_t form_index, const std::vector<fs::path>& files);

    Lines m_lines;
    const Manifest& m_m;
    const forms::Form& m_form;
    const std::set<std::size_t>& m_headers;
    Update& m_out;
    std::set<const Evidence*> m_gone;
};

void Updater::update_entry(const IndicatorEntry& e, const forms::Indicator& ind, std::vector<fs::path> fresh)
{
    std::vector<const Evidence*> kept;
    for (const Evidence& ev : e.evidence) {
        if (!m_gone.count(&ev)) {
            kept.push_back(&ev);
            continue;
        }
        std::size_t begin = lead(ev);
        if (begin > 0 && m_lines.blank(begin - 1)) {
            --begin;
        }
        m_lines.edit(begin, end_of(ev.position.line), "");
        m_out.dropped.push_back("'" + ev.file + "' ('" + ev.title + "')");
    }
    // New files go before the first kept entry whose path sorts after theirs, else at the end.
    std::map<const Evidence*, std::vector<fs::path>> before;
    std::vector<fs::path> at_end;
    for (const fs::path& f : fresh) {
        std::string rel = manifest_relative(f, m_m.dir);
        auto next = std::find_if(kept.begin(), kept.end(), [&](const Evidence* k) { return natural_less(rel, k->file); });
        (next == kept.end() ? at_end : before[*next]).push_back(f);
    }
    for (const Evidence* k : kept) {
        auto it = before.find(k);
        if (it != before.end()) {
            // The entries' own leading blank line becomes the one after them.
            m_lines.edit(lead(*k), lead(*k), entries(it->second, ind).substr(1) + "\n");
        }
    }
    bool placeholder = e.none && e.none->find_first_not_of(" \t") == std::string::npos;
    std::size_t last = e.position.line;
    for (const Evidence& ev : e.evidence) {
        last = std::max<std::size_t>(last, ev.position.line);
    }
    if (!at_end.empty()) {
        if (placeholder && kept.empty() && e.none_position.line > 0) {
            // The placeholder goes; a comment the clerk wrote on its line stays.
            std::string line = m_lines.text(e.none_position.line - 1);
            auto hash = line.find('#');
            std::string comment = hash == std::string::npos ? "" : line.substr(hash);
            bool own = std::string(none_placeholder).find(comment) != std::string::npos;
            m_lines.edit(e.none_position.line - 1, e.none_position.line, own ? "" : comment);
        } else if (e.none) {
            m_out.warnings.push_back("indicator " + e.id + " says none = \"" + *e.none
                                     + "\" but its folder holds files, which were added; keep one or the other");
        }
        m_lines.edit(end_of(last), end_of(last), entries(at_end, ind));
    } else if (kept.empty() && !e.evidence.empty() && !e.none && e.id_position.line > 0) {
        m_lines.edit(e.id_position.line, e.id_position.line, none_placeholder);
    }
}

void Updater::add_indicator(std::size_t form_index, const std::vector<fs::path>& files)
{
    const forms::Indicator& ind = m_form.indicators[form_index];
    const IndicatorEntry* prev = nullptr;
    const IndicatorEntry* next = nullptr;
    for (const IndicatorEntry& e : m_m.indicators) {
        int k = m_form.index_of(e.id);
        if (k >= 0 && static_cast<std::size_t>(k) < form_index) {
            prev = &e;
        } else if (k >= 0 && !next) {
            next = &e;
        }
    }
    std::string block = indicator_header(ind) + entries(files, ind);
    if (prev && (!next || m_form.indicators[static_cast<std::size_t>(m_form.index_of(prev->id))].group == ind.group)) {
        std::size_t last = prev->position.line;
        for (const Evidence& ev : prev->evidence) {
            last = std::max<std::size_t>(last, ev.position.line);
        }
        m_lines.edit(end_of(last), end_of(last), "\n" + block);
    } else if (next) {
        m_lines.edit(next->position.line - 1, next->position.line - 1, block + "\n");
    } else {
        m_lines.edit(m_lines.size(), m_lines.size(), "\n" + block);
    }
}

void Updater::run(const EvidenceTree& tree)
{
    util::NameLookup lookup(m_m.dir);
    std::set<std::string> listed;
    for (const IndicatorEntry& e : m_m.indicators) {
        for (const Evidence& ev : e.evidence) {
            if (ev.file.empty()) {
                continue;
            }
            util::NameLookup::Result r = lookup.find(ev.file);
            if (r.status == util::NameLookup::Result::Status::found) {
                listed.insert(normal(r.path));
            } else if (r.status == util::NameLookup::Result::Status::missing) {
                m_gone.insert(&ev);
            }
        }
    }
    std::map<std::string, std::vector<fs::path>> fresh;
    for (const auto& [id, files] : tree.files) {
        for (const fs::path& f : files) {
            if (!listed.count(normal(f))) {
                fresh[id].push_back(f);
            }
        }
    }
    // A gone file whose name is close to a new one in its folder was renamed on disk, most likely:
    // the entry's typed fields outweigh tidiness. It stays, the new file is not added.
    for (const IndicatorEntry& e : m_m.indicators) {
        for (const Evidence& ev : e.evidence) {
            if (!m_gone.count(&ev)) {
                continue;
            }
            std::string folder = fs::path(normal(util::join(m_m.dir, ev.file))).parent_path().generic_string();
            std::vector<std::string> names;
            for (const auto& [id, files] : fresh) {
                for (const fs::path& f : files) {
                    if (fs::path(normal(f)).parent_path().generic_string() == folder) {
                        names.push_back(f.filename().string());
                    }
                }
            }
            auto renamed = util::nearest(util::basename(ev.file), names);
            if (!renamed) {
                continue;
            }
            m_gone.erase(&ev);
            for (auto& [id, files] : fresh) {
                files.erase(std::remove_if(files.begin(), files.end(),
                                           [&](const fs::path& f) {
                                               return f.filename().string() == *renamed
                                                   && fs::path(normal(f)).parent_path().generic_string() == folder;
                                           }),
                            files.end());
            }
            m_out.warnings.push_back("'" + ev.file + "' does not exist, but '" + *renamed
                                     + "' beside it does: the entry is kept and that file not added; correct the entry's name");
        }
    }
    // In the manifest's order; the first entry of an indicator takes its new files.
    std::set<std::string> seen;
    for (const IndicatorEntry& e : m_m.indicators) {
        int k = m_form.index_of(e.id);
        bool first = seen.insert(e.id).second;
        if (k >= 0 && first) {
            update_entry(e, m_form.indicators[static_cast<std::size_t>(k)], fresh[e.id]);
        } else {
            update_entry(e, forms::Indicator{}, {});
        }
    }
    for (std::size_t k = 0; k < m_form.indicators.size(); ++k) {
        const std::string& id = m_form.indicators[k].id;
        if (!seen.count(id) && !fresh[id].empty()) {
            add_indicator(k, fresh[id]);
        }
    }
    m_out.text = m_lines.apply();
}

} // namespace

Update update_manifest(const std::string& text, const std::string& manifest_path, const forms::Form* form,
                       const std::string& evidence_dir)
{
    Update out;
    out.text = text;
    // Edits go by line: the text must be TOML as it stands, without the parser's repairs.
    Diagnostics syntax;
    auto table = util::parse_toml(text, manifest_path, syntax);
    if (!table) {
        parse(text, manifest_path, out.problems); // reports the mistakes in the clerk's terms
        return out;
    }
    Diagnostics parse_diags;
    auto m = parse(text, manifest_path, parse_diags);
    std::optional<forms::Form> own;
    if (!form) {
        own = forms::resolve_form(m->form, m->dir, m->form_position, out.problems);
        if (!own) {
            return out;
        }
        form = &*own;
    }
    out.evidence_dir = evidence_dir;
    if (out.evidence_dir.empty()) {
        std::set<std::string> roots;
        for (const IndicatorEntry& e : m->indicators) {
            for (const Evidence& ev : e.evidence) {
                if (auto root = evidence_root_of(ev.file, e.id, *form)) {
                    roots.insert(*root);
                }
            }
        }
        if (roots.size() != 1) {
            std::string found;
            for (const std::string& r : roots) {
                found += (found.empty() ? "" : ", ") + r;
            }
            throw UsageError(roots.empty()
                                 ? "no file of " + manifest_path + " is in a folder named after its indicator; give --evidence DIR"
                                 : manifest_path + " lists files from several evidence folders (" + found
                                       + "); give --evidence DIR");
        }
        out.evidence_dir = util::join(m->dir, *roots.begin());
    }
    EvidenceTree tree = scan_evidence(*form, out.evidence_dir);
    keep_listable(tree, m->dir);
    out.warnings = tree.warnings;
    std::set<std::size_t> headers;
    header_lines(*table, headers, true);
    Updater(text, *m, *form, headers, out).run(tree);
    return out;
}

} // namespace evpack::manifest
