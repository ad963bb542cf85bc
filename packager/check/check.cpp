#include "check/check.hpp"

#include "check/entries.hpp"
#include "manifest/numbering.hpp"
#include "check/unlisted.hpp"
#include "crypto/sha256.hpp"
#include "forms/builtin.hpp"
#include "manifest/encoding.hpp"
#include "manifest/evidence_tree.hpp"
#include "pdf/inspect.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/name_lookup.hpp"
#include "office/render.hpp"
#include "util/progress.hpp"
#include "util/suggest.hpp"
#include "util/unicode.hpp"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace evpack::check {

int Report::total_pages() const
{
    int total = 0;
    for (const auto& list : evidence) {
        for (const auto& e : list) {
            total += e.pages;
        }
    }
    return total;
}

std::optional<double> Report::total_score() const
{
    std::optional<double> sum;
    for (const auto& row : summary) {
        if (row.score) {
            sum = sum.value_or(0) + *row.score;
        }
    }
    return sum;
}

std::optional<int> Report::total_points() const
{
    return form ? form->total_points() : std::nullopt;
}

int Report::total_evidence() const
{
    int total = 0;
    if (!manifest) {
        return total;
    }
    for (const auto& e : manifest->indicators) {
        for (const auto& ev : e.evidence) {
            total += ev.see ? 0 : 1; // a citation binds no file
        }
    }
    return total;
}

namespace {

std::optional<std::string> real_path(const std::string& path)
{
    char buf[PATH_MAX];
    if (!::realpath(path.c_str(), buf)) {
        return std::nullopt;
    }
    return std::string(buf);
}

bool is_inside(const std::string& child, const std::string& parent)
{
    if (parent == "/") {
        return true;
    }
    return child.size() > parent.size() && child.compare(0, parent.size(), parent) == 0 && child[parent.size()] == '/';
}

// "a/../../b" climbs out of the folder whether or not the target exists.
bool escapes_lexically(const std::string& rel)
{
    int depth = 0;
    for (const std::string& part : util::path_components(rel)) {
        if (part == "..") {
            if (--depth < 0) {
                return true;
            }
        } else if (!part.empty() && part != ".") {
            ++depth;
        }
    }
    return false;
}

std::string ind_label(const std::string& id) { return "indicator " + id; }

std::string did_you_mean(const std::string& typed, const std::vector<std::string>& known)
{
    auto best = util::nearest(typed, known);
    return best ? "; did you mean '" + *best + "'?" : "";
}

// A path typed with backslashes: as typed (the control characters that TOML's quotes made of
// "\n", "\t"... written back) and as meant, with '/'. nullopt without backslashes.
struct BackslashPath
{
    std::string typed;
    std::string meant;
};

std::optional<BackslashPath> backslash_path(const std::string& file)
{
    struct Escape
    {
        char c;
        const char* typed;
        const char* meant;
    };
    static const Escape escapes[] = {{'\n', "\\n", "/n"}, {'\t', "\\t", "/t"}, {'\r', "\\r", "/r"},
                                     {'\b', "\\b", "/b"}, {'\f', "\\f", "/f"}, {'\\', "\\", "/"}};
    BackslashPath p;
    bool found = false;
    for (char c : file) {
        const Escape* e = std::find_if(std::begin(escapes), std::end(escapes), [&](const Escape& x) { return x.c == c; });
        if (e != std::end(escapes)) {
            p.typed += e->typed;
            p.meant += e->meant;
            found = true;
        } else {
            p.typed += c;
            p.meant += c;
        }
    }
    return found ? std::optional<BackslashPath>(p) : std::nullopt;
}

// The same path however it is spelt ("a/./b.pdf", "a//b.pdf").
std::string normal_path(const std::string& file) { return std::filesystem::path(file).lexically_normal().generic_string(); }

class Checker
{
public:
    Checker(Report& report, const Options& options)
        : m_report(report), m_options(options),
          m_lookup(report.manifest->dir, [](const std::string& name) {
              return !name.empty() && name[0] != '.' && !manifest::system_file_reason(name);
          })
    {
    }

    void run();

private:
    void check_top();
    void check_indicators();
    void check_missing();
    void check_evidence_files();
    void check_file(std::size_t i, std::size_t j);
    void check_joint_and_meta(std::size_t i, std::size_t j);
    void check_extension(std::size_t i, const manifest::Evidence& ev, const evidence::DetectedType& type);
    bool find_file(std::size_t i, const manifest::Evidence& ev, EvidenceResult& r);
    void check_unlisted();
    void render_office();
    void build_summary();

    void flag(std::size_t i, Severity s)
    {
        auto& worst = m_worst[i];
        if (static_cast<int>(s) > static_cast<int>(worst)) {
            worst = s;
        }
    }
    void error(std::size_t i, Position p, std::string code, std::string msg)
    {
        flag(i, Severity::error);
        m_report.diagnostics.error(std::move(p), std::move(code), std::move(msg));
    }
    void warning(std::size_t i, Position p, std::string code, std::string msg)
    {
        flag(i, Severity::warning);
        m_report.diagnostics.warning(std::move(p), std::move(code), std::move(msg));
    }
    void unreadable(std::size_t i, const manifest::Evidence& ev, const std::string& why)
    {
        error(i, ev.file_position, "file-unreadable", "evidence file '" + ev.file + "' cannot be read: " + why);
    }

    Report& m_report;
    const Options& m_options;
    std::vector<Severity> m_worst;            // per manifest indicator
    std::vector<int> m_form_index;            // per manifest indicator; -1 unknown
    std::vector<bool> m_duplicate;            // per manifest indicator
    std::set<std::string> m_roster;
    util::NameLookup m_lookup;
};

void Checker::run()
{
    const manifest::Manifest& m = *m_report.manifest;
    m_worst.assign(m.indicators.size(), Severity::note);
    m_report.evidence.resize(m.indicators.size());
    for (std::size_t i = 0; i < m.indicators.size(); ++i) {
        m_report.evidence[i].resize(m.indicators[i].evidence.size());
    }
    // Errors found while parsing (syntax, keys, types) make their indicator's row an error too.
    for (const Diagnostic& d : m_report.diagnostics.items()) {
        std::size_t at = m.indicators.size();
        for (std::size_t i = 0; i < m.indicators.size() && m.indicators[i].position.line <= d.position.line; ++i) {
            at = i;
        }
        if (d.severity == Severity::error && d.position.line > 0 && at < m.indicators.size()) {
            flag(at, Severity::error);
        }
    }
    check_top();
    if (m_options.form) {
        m_report.form = *m_options.form;
    } else if (!m.form.empty()) {
        m_report.form = forms::resolve_form(m.form, m.dir, m.form_position, m_report.diagnostics);
    }
    if (m_report.form) {
        check_indicators();
        check_missing();
    }
    check_evidence_files();
    if (m_options.read_files && m_options.render_office) {
        render_office();
    }
    check_entries(m_report, m_form_index, [this](std::size_t i, Severity s, Position p, std::string code, std::string msg) {
        flag(i, s);
        m_report.diagnostics.add(s, std::move(p), std::move(code), std::move(msg));
    });
    if (m_report.form && m_options.read_files) {
        check_unlisted();
    }
    build_summary();
    m_report.diagnostics.sort();
}

void Checker::check_top()
{
    const manifest::Manifest& m = *m_report.manifest;
    if (m.title.empty() && !m.indicators.empty()) {
        m_report.diagnostics.error(m.title_position, "empty-title", "the manifest's title is empty");
    }
    if (m.organization.empty() && !m.indicators.empty()) {
        m_report.diagnostics.error(m.organization_position, "empty-organization", "the manifest's organization is empty");
    }
    std::map<std::string, Position> seen;
    for (const manifest::Member& member : m.members) {
        if (member.name.empty()) {
            m_report.diagnostics.error(member.position, "member-empty", "a member's name is empty");
            continue;
        }
        auto [it, inserted] = seen.emplace(member.name, member.position);
        if (!inserted) {
            m_report.diagnostics.warning(member.position, "member-duplicate",
                                         "member '" + member.name + "' is listed twice (first at line "
                                             + std::to_string(it->second.line) + ")");
        }
        m_roster.insert(member.name);
    }
}

void Checker::check_indicators()
{
    const manifest::Manifest& m = *m_report.manifest;
    const forms::Form& form = *m_report.form;
    std::map<std::string, std::size_t> first_seen;
    int last_index = -1;
    std::size_t last_entry = 0;
    m_form_index.assign(m.indicators.size(), -1);
    m_duplicate.assign(m.indicators.size(), false);
    for (std::size_t i = 0; i < m.indicators.size(); ++i) {
        const manifest::IndicatorEntry& e = m.indicators[i];
        if (e.id.empty()) {
            continue; // missing-key already reported
        }
        int index = form.index_of(e.id);
        m_form_index[i] = index;
        if (index < 0) {
            std::vector<std::string> ids;
            for (const forms::Indicator& ind : form.indicators) {
                ids.push_back(ind.id);
            }
            error(i, e.id_position, "unknown-indicator",
                  "form '" + form.id + "' has no indicator '" + e.id + "'" + did_you_mean(e.id, ids));
        } else if (auto prev = first_seen.find(e.id); prev != first_seen.end()) {
            m_duplicate[i] = true;
            error(i, e.id_position, "duplicate-indicator",
                  ind_label(e.id) + " is listed twice (first at line "
                      + std::to_string(m.indicators[prev->second].id_position.line) + ")");
        } else {
            first_seen.emplace(e.id, i);
            if (index < last_index) {
                error(i, e.id_position, "indicator-order",
                      ind_label(e.id) + " is out of the form's order: it must come before "
                          + ind_label(m.indicators[last_entry].id) + " (line "
                          + std::to_string(m.indicators[last_entry].id_position.line) + ")");
            } else {
                last_index = index;
                last_entry = i;
            }
        }
        bool has_evidence = !e.evidence.empty();
        if (e.none && has_evidence) {
            error(i, e.none_position, "indicator-both",
                  ind_label(e.id) + " has both evidence and none = …; keep one");
        } else if (!e.none && !has_evidence) {
            error(i, e.position, "indicator-empty",
                  ind_label(e.id) + " has no evidence; list [[indicator.evidence]] or write none = \"reason\" (无)");
        } else if (e.none && e.none->empty()) {
            error(i, e.none_position, "none-reason",
                  ind_label(e.id) + ": none is empty; say why there is no evidence (无 …) or list evidence");
        }
    }
}

void Checker::check_missing()
{
    const manifest::Manifest& m = *m_report.manifest;
    const forms::Form& form = *m_report.form;
    std::set<std::string> present;
    for (const auto& e : m.indicators) {
        present.insert(e.id);
    }
    for (std::size_t k = 0; k < form.indicators.size(); ++k) {
        const forms::Indicator& ind = form.indicators[k];
        if (present.count(ind.id)) {
            continue;
        }
        // Point at the entry it should precede, so the clerk knows where to insert it.
        Position where{m.path, 0, 0};
        std::string hint;
        for (std::size_t i = 0; i < m.indicators.size(); ++i) {
            if (m_form_index[i] > static_cast<int>(k)) {
                where = m.indicators[i].position;
                hint = "; add it before " + ind_label(m.indicators[i].id);
                break;
            }
        }
        if (where.line == 0) {
            where = Position{m.path, 1, 1};
            if (!m.indicators.empty()) {
                where = m.indicators.back().position;
                hint = "; add it after " + ind_label(m.indicators.back().id);
            }
        }
        m_report.diagnostics.error(where, "missing-indicator",
                                   ind_label(ind.id) + " (" + util::truncate_width(ind.title, 40)
                                       + ") is missing" + hint + ", with evidence or none = \"reason\"");
    }
}

void Checker::check_evidence_files()
{
    const manifest::Manifest& m = *m_report.manifest;
    std::uint64_t total = 0;
    for (const auto& e : m.indicators) {
        total += e.evidence.size();
    }
    util::Progress progress("check", total, util::Progress::Unit::files, m_options.progress);
    std::map<std::uint64_t, std::vector<std::pair<std::size_t, std::size_t>>> by_size;
    std::map<std::string, std::pair<std::size_t, std::size_t>> by_name;
    std::map<std::string, const manifest::Evidence*> by_path;
    std::uint64_t done = 0;
    for (std::size_t i = 0; i < m.indicators.size(); ++i) {
        for (std::size_t j = 0; j < m.indicators[i].evidence.size(); ++j) {
            const manifest::Evidence& ev = m.indicators[i].evidence[j];
            progress.advance(done++, ev.file);
            if (ev.see) {
                continue; // cites a document bound elsewhere: check_entries
            }
            if (!ev.file.empty()) {
                auto [pit, fresh_path] = by_path.emplace(normal_path(ev.file), &ev);
                if (!fresh_path) {
                    // Not opened again, nor compared with itself: one finding says it all.
                    // In another indicator, the clerk means to prove both with one document: see.
                    std::string cite;
                    for (std::size_t k = 0; k < i && cite.empty(); ++k) {
                        for (std::size_t l = 0; l < m.indicators[k].evidence.size(); ++l) {
                            if (&m.indicators[k].evidence[l] == pit->second) {
                                cite = ", or cite it here with see = \"" + manifest::document_number(m.indicators[k], l) + "\"";
                            }
                        }
                    }
                    error(i, ev.file_position, "file-listed-twice",
                          "'" + ev.file + "' is listed twice (lines " + std::to_string(pit->second->file_position.line)
                              + " and " + std::to_string(ev.file_position.line) + "); remove one" + cite);
                    check_joint_and_meta(i, j);
                    continue;
                }
            }
            if (m_options.read_files) {
                check_file(i, j);
            }
            check_joint_and_meta(i, j);
            EvidenceResult& r = m_report.evidence[i][j];
            if (!ev.file.empty()) {
                auto [nit, fresh_name] = by_name.emplace(util::fold_key(ev.file), std::make_pair(i, j));
                const manifest::Evidence& other_ev = m.indicators[nit->second.first].evidence[nit->second.second];
                if (!fresh_name && other_ev.file != ev.file) {
                    error(i, ev.file_position, "file-name-clash",
                          "'" + ev.file + "' differs from '" + other_ev.file + "' (line "
                              + std::to_string(other_ev.file_position.line)
                              + ") only by case or Unicode normalisation; rename one");
                }
            }
            if (r.facts.read) {
                by_size[r.facts.size].emplace_back(i, j);
            }
        }
    }
    progress.finish();
    // Only files of one size can have one content: check alone hashes just those.
    for (const auto& [size, group] : by_size) {
        if (group.size() < 2) {
            continue;
        }
        std::map<std::string, std::pair<std::size_t, std::size_t>> by_hash;
        for (auto [i, j] : group) {
            EvidenceResult& r = m_report.evidence[i][j];
            const manifest::Evidence& ev = m.indicators[i].evidence[j];
            if (r.facts.sha256.empty()) {
                try {
                    r.facts.sha256 = crypto::sha256_file(r.path);
                } catch (const Error& e) {
                    unreadable(i, ev, e.message());
                    continue;
                }
            }
            auto [it, fresh] = by_hash.emplace(r.facts.sha256, std::make_pair(i, j));
            if (!fresh) {
                const manifest::Evidence& first = m.indicators[it->second.first].evidence[it->second.second];
                error(i, ev.file_position, "duplicate-content",
                      "'" + ev.file + "' has the same content as '" + first.file + "' (line "
                          + std::to_string(first.file_position.line) + "); to cite it here, write see = \""
                          + manifest::document_number(m.indicators[it->second.first], it->second.second)
                          + "\" instead of file");
            }
        }
    }
}

void Checker::check_file(std::size_t i, std::size_t j)
{
    const manifest::Manifest& m = *m_report.manifest;
    const manifest::Evidence& ev = m.indicators[i].evidence[j];
    EvidenceResult& r = m_report.evidence[i][j];
    const Position& at = ev.file_position;
    if (ev.file.empty()) {
        if (m.indicators[i].evidence[j].file_position.line != 0) {
            error(i, at, "file-empty-path", "the evidence file name is empty");
        } else {
            flag(i, Severity::error);
        }
        return;
    }
    if (util::is_absolute(ev.file)) {
        error(i, at, "file-outside", "'" + ev.file + "' is an absolute path; evidence paths are relative to the manifest's folder");
        return;
    }
    if (escapes_lexically(ev.file)) {
        error(i, at, "file-outside", "'" + ev.file + "' leads outside the manifest's folder");
        return;
    }
    if (const char* reason = manifest::system_file_reason(util::basename(ev.file))) {
        error(i, at, "file-not-evidence", "'" + ev.file + "' is " + reason + ", not evidence; remove this entry");
        return;
    }
    if (!find_file(i, ev, r)) {
        return;
    }
    struct stat st{};
    if (::lstat(r.path.c_str(), &st) != 0) {
        error(i, at, "file-missing", "evidence file '" + ev.file + "' does not exist");
        return;
    }
    auto root = real_path(m.dir);
    auto real = real_path(r.path);
    if (!real) {
        error(i, at, "file-missing", "evidence file '" + ev.file + "' is a broken symbolic link");
        return;
    }
    if (!root || !is_inside(*real, *root)) {
        error(i, at, "file-outside",
              "evidence file '" + ev.file + "' is outside the manifest's folder"
                  + (S_ISLNK(st.st_mode) ? std::string(" (a symbolic link to ") + *real + ")" : std::string()));
        return;
    }
    if (::stat(r.path.c_str(), &st) != 0 || S_ISDIR(st.st_mode)) {
        error(i, at, "file-is-directory", "'" + ev.file + "' is a directory, not a file");
        return;
    }
    if (!S_ISREG(st.st_mode)) {
        error(i, at, "file-not-regular", "'" + ev.file + "' is not a regular file");
        return;
    }
    if (::access(r.path.c_str(), R_OK) != 0) {
        unreadable(i, ev, std::strerror(errno));
        return;
    }
    try {
        r.facts = evidence::inspect_file(r.path, m_options.hash_files);
    } catch (const Error& e) {
        unreadable(i, ev, e.message());
        return;
    }
    if (!r.facts.error_code.empty()) {
        std::string msg = r.facts.error_code == "file-type" || r.facts.error_code == "office-unreadable" ? "'" + ev.file + "' " + r.facts.error_message
                                                            : "'" + ev.file + "': " + r.facts.error_message;
        error(i, at, r.facts.error_code, msg);
        return;
    }
    check_extension(i, ev, r.facts.type);
    if (r.facts.type.type == evidence::FileType::pdf) {
        pdf::PdfInspection p = pdf::inspect_pdf(r.path);
        if (!p.ok) {
            error(i, at, p.error_code, "'" + ev.file + "': " + p.message);
            return;
        }
        r.pages = p.pages;
        r.repaired = p.repaired;
        if (p.repaired) {
            warning(i, at, "pdf-repaired", "'" + ev.file + "': " + p.message + "; the repaired copy will be bound");
        }
        if (p.encrypted) {
            warning(i, at, "pdf-encrypted-owner",
                    "'" + ev.file + "' is encrypted with an owner password only; it will be bound without its restrictions");
        }
    } else if (r.facts.type.type == evidence::FileType::office) {
        return; // usable once rendered: render_office
    } else {
        r.pages = r.facts.image.frames;
        if (r.facts.image.gif_frames > 1) {
            warning(i, at, "gif-first-frame",
                    "'" + ev.file + "' is an animated GIF of " + std::to_string(r.facts.image.gif_frames)
                        + " frames; only its first frame is bound");
        }
    }
    r.usable = true;
}

// All Office files at once: LibreOffice starts once per import filter, not once per file.
void Checker::render_office()
{
    const manifest::Manifest& m = *m_report.manifest;
    std::vector<office::RenderRequest> requests;
    std::vector<std::pair<std::size_t, std::size_t>> where;
    for (std::size_t i = 0; i < m.indicators.size(); ++i) {
        for (std::size_t j = 0; j < m.indicators[i].evidence.size(); ++j) {
            EvidenceResult& r = m_report.evidence[i][j];
            if (m.indicators[i].evidence[j].see || !r.facts.office || !r.facts.error_code.empty() || r.usable) {
                continue;
            }
            if (r.facts.sha256.empty()) {
                try {
                    r.facts.sha256 = crypto::sha256_file(r.path);
                } catch (const Error& e) {
                    unreadable(i, m.indicators[i].evidence[j], e.message());
                    continue;
                }
            }
            requests.push_back({r.path, r.facts.sha256, r.facts.office->format});
            where.emplace_back(i, j);
        }
    }
    if (requests.empty()) {
        return;
    }
    office::RenderRun run = office::render(requests);
    for (std::size_t k = 0; k < where.size(); ++k) {
        auto [i, j] = where[k];
        const manifest::Evidence& ev = m.indicators[i].evidence[j];
        EvidenceResult& r = m_report.evidence[i][j];
        const office::Rendering& rendering = run.renderings[k];
        if (!rendering.ok()) {
            error(i, ev.file_position, run.libreoffice_missing ? "office-no-libreoffice" : "office-conversion",
                  "'" + ev.file + "' is " + r.facts.type.name + "; " + rendering.error);
            continue;
        }
        pdf::PdfInspection p = pdf::inspect_pdf(rendering.pdf_path);
        if (!p.ok) {
            error(i, ev.file_position, "office-conversion",
                  "'" + ev.file + "': its rendering " + rendering.pdf_path + " cannot be bound: " + p.message
                      + "; remove it from the cache and check again");
            continue;
        }
        r.rendering = rendering.pdf_path;
        r.converter = rendering.converter;
        r.pages = p.pages;
        r.usable = true;
    }
}

// Binds the file that is there under the manifest's name (util::NameLookup: a name in NFD on disk
// is found), or reports why there is none, with the nearest name when one is close.
bool Checker::find_file(std::size_t i, const manifest::Evidence& ev, EvidenceResult& r)
{
    const Position& at = ev.file_position;
    util::NameLookup::Result found = m_lookup.find(ev.file);
    if (found.status == util::NameLookup::Result::Status::found) {
        r.path = found.path;
        return true;
    }
    if (found.status == util::NameLookup::Result::Status::ambiguous) {
        std::string names;
        for (const std::string& name : found.alike) {
            names += (names.empty() ? "'" : " and '") + util::escape_invalid_utf8(name) + "'";
        }
        error(i, at, "file-name-ambiguous",
              "'" + ev.file + "' could be " + names
                  + ": names that look the same but are stored differently (one was probably copied from a Mac); rename one");
        return false;
    }
    if (auto p = backslash_path(ev.file)) {
        error(i, at, "path-backslash",
              "'" + p->typed + "' does not exist: paths are written with /, not \\: file = \"" + p->meant + "\"");
        return false;
    }
    std::string message = "evidence file '" + ev.file + "' does not exist";
    if (!found.suggestion.empty()) {
        message += "; did you mean '" + found.suggestion + "'?";
    } else if (!found.missing_is_last) {
        message += " (there is no folder '" + util::join(found.missing_folder, found.missing_name) + "')";
    }
    error(i, at, "file-missing", message);
    return false;
}

void Checker::check_extension(std::size_t i, const manifest::Evidence& ev, const evidence::DetectedType& type)
{
    std::string name = util::basename(ev.file);
    auto dot = name.find_last_of('.');
    if (dot == std::string::npos) {
        return;
    }
    std::string ext = name.substr(dot + 1);
    for (char& c : ext) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    static const std::map<std::string, evidence::FileType> known = {
        {"pdf", evidence::FileType::pdf},   {"jpg", evidence::FileType::jpeg}, {"jpeg", evidence::FileType::jpeg},
        {"png", evidence::FileType::png},   {"tif", evidence::FileType::tiff}, {"tiff", evidence::FileType::tiff},
        {"heic", evidence::FileType::heif}, {"heif", evidence::FileType::heif}, {"webp", evidence::FileType::webp},
        {"gif", evidence::FileType::gif},   {"bmp", evidence::FileType::bmp}};
    auto it = known.find(ext);
    if (it != known.end() && it->second != type.type) {
        warning(i, ev.file_position, "file-extension",
                "'" + ev.file + "' is " + type.name + " although its name ends in ." + ext + "; it is bound as what it is");
    }
}

void Checker::check_joint_and_meta(std::size_t i, std::size_t j)
{
    const manifest::Manifest& m = *m_report.manifest;
    const manifest::IndicatorEntry& entry = m.indicators[i];
    const manifest::Evidence& ev = entry.evidence[j];
    EvidenceResult& r = m_report.evidence[i][j];
    const forms::Indicator* ind = (m_report.form && !m_form_index.empty() && m_form_index[i] >= 0)
        ? &m_report.form->indicators[static_cast<std::size_t>(m_form_index[i])]
        : nullptr;

    if (!ev.see && util::is_blank(ev.title) && ev.position.line != 0) {
        error(i, ev.title_position.line ? ev.title_position : ev.position, "evidence-title",
              "evidence '" + ev.file + "' has " + (ev.title.empty() ? "an empty title" : "a title of spaces only"));
    }
    std::set<std::string> distinct;
    for (std::size_t k = 0; k < ev.members.size(); ++k) {
        const std::string& name = ev.members[k];
        const Position& where = k < ev.member_positions.size() ? ev.member_positions[k] : ev.members_position;
        if (!distinct.insert(name).second) {
            warning(i, where, "member-repeated", "member '" + name + "' is named twice");
            continue;
        }
        if (!m_roster.count(name)) {
            error(i, where, "member-unknown",
                  "'" + name + "' is not in the alliance roster ([[member]])"
                      + did_you_mean(name, std::vector<std::string>(m_roster.begin(), m_roster.end())));
        }
    }
    if (ind && ind->joint) {
        int count = static_cast<int>(distinct.size());
        if (count < ind->joint->min_members) {
            Position where = ev.members.empty() ? ev.position : ev.members_position;
            error(i, where, "joint-too-few",
                  ind_label(entry.id) + " counts only joint work of at least " + std::to_string(ind->joint->min_members)
                      + " alliance members; '" + ev.file + "' names " + std::to_string(count)
                      + (ev.members.empty() ? " (add members = [...])" : ""));
        } else if (count >= ind->joint->mark_from) {
            r.marked = true;
            m_report.diagnostics.note(ev.members_position, "joint-marked",
                                      "'" + ev.file + "' is joint work of " + std::to_string(count)
                                          + " members; it will be marked as such in the appendix");
        }
    }
    if (ev.date && m_report.form) {
        const forms::Form& form = *m_report.form;
        bool before = form.period_start && *ev.date < *form.period_start;
        bool after = form.period_end && *ev.date > *form.period_end;
        if (before || after) {
            warning(i, ev.date_position, "date-outside",
                    "date " + ev.date->to_string() + " is outside the form's data period (" + form.period_text() + ")");
        }
    }
    if (ev.kind) {
        if (!forms::is_evidence_kind(*ev.kind)) {
            std::string known;
            for (const auto& k : forms::evidence_kinds()) {
                known += (known.empty() ? "" : ", ") + k;
            }
            error(i, ev.kind_position, "kind-unknown", "unknown kind '" + *ev.kind + "' (one of: " + known + ")");
        } else if (ind && !ind->kinds.empty()
                   && std::find(ind->kinds.begin(), ind->kinds.end(), *ev.kind) == ind->kinds.end()) {
            std::string expected;
            for (const auto& k : ind->kinds) {
                expected += (expected.empty() ? "" : ", ") + k;
            }
            warning(i, ev.kind_position, "kind-unexpected",
                    ind_label(entry.id) + " expects " + expected + ", not " + *ev.kind);
        }
    }
}

void Checker::check_unlisted()
{
    for (const Unlisted& u : find_unlisted(*m_report.manifest, *m_report.form, m_report.evidence)) {
        warning(u.indicator, m_report.manifest->indicators[u.indicator].position, "file-unlisted", u.message);
    }
}

void Checker::build_summary()
{
    const manifest::Manifest& m = *m_report.manifest;
    auto row_for = [&](std::size_t i, const std::string& title) {
        const manifest::IndicatorEntry& e = m.indicators[i];
        IndicatorSummary s;
        s.id = e.id;
        s.title = title;
        s.evidence = static_cast<int>(e.evidence.size());
        s.score = e.score;
        if (m_report.form && m_form_index[i] >= 0) {
            s.points = m_report.form->indicators[static_cast<std::size_t>(m_form_index[i])].points;
        }
        for (const auto& r : m_report.evidence[i]) {
            s.pages += r.pages;
        }
        if (m_worst[i] == Severity::error) {
            s.status = "error";
        } else if (e.none && e.evidence.empty()) {
            s.status = "无";
        } else if (m_worst[i] == Severity::warning) {
            s.status = "warning";
        } else {
            s.status = "ok";
        }
        return s;
    };
    if (!m_report.form) {
        for (std::size_t i = 0; i < m.indicators.size(); ++i) {
            m_report.summary.push_back(row_for(i, ""));
        }
        return;
    }
    const forms::Form& form = *m_report.form;
    for (const forms::Indicator& ind : form.indicators) {
        bool found = false;
        for (std::size_t i = 0; i < m.indicators.size(); ++i) {
            if (m.indicators[i].id == ind.id && !m_duplicate[i]) {
                m_report.summary.push_back(row_for(i, ind.title));
                found = true;
                break;
            }
        }
        if (!found) {
            m_report.summary.push_back({ind.id, ind.title, 0, 0, "missing", ind.points, std::nullopt});
        }
    }
    for (std::size_t i = 0; i < m.indicators.size(); ++i) {
        if (m_form_index[i] < 0) {
            IndicatorSummary s = row_for(i, "");
            s.status = "unknown";
            m_report.summary.push_back(s);
        }
    }
}

} // namespace

Report run_text(const std::string& text, const std::string& manifest_path, const Options& options)
{
    Report report;
    report.manifest = manifest::parse(text, manifest_path, report.diagnostics);
    if (!report.manifest) {
        return report;
    }
    Checker(report, options).run();
    return report;
}

Report run(const std::string& manifest_path, const Options& options)
{
    Report report;
    auto text = manifest::decode(util::read_file(manifest_path), manifest_path, report.diagnostics);
    if (!text) {
        return report;
    }
    Report checked = run_text(*text, manifest_path, options);
    report.diagnostics.append(checked.diagnostics);
    checked.diagnostics = std::move(report.diagnostics);
    checked.diagnostics.sort();
    return checked;
}

} // namespace evpack::check
