#include "verify/verify.hpp"

#include "check/check.hpp"
#include "crypto/sha256.hpp"
#include "evidence/file_type.hpp"
#include "forms/builtin.hpp"
#include "package/bag.hpp"
#include "package/reader.hpp"
#include "pdf/fingerprint.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/interrupt.hpp"
#include "util/progress.hpp"
#include "util/temp_dir.hpp"

#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <sys/stat.h>
#include <thread>
#include <utility>

namespace evpack::verify {

bool Report::ok() const
{
    for (const Finding& f : findings) {
        if (!f.ok) {
            return false;
        }
    }
    return !findings.empty();
}

namespace {

constexpr std::size_t max_tag_bytes = 16 << 20;

const std::set<std::string> tag_files = {"bagit.txt", "bag-info.txt", "manifest-sha256.txt", "tagmanifest-sha256.txt",
                                         "signature.p7s"};

struct Entry
{
    std::string sha256;
    std::uint64_t size = 0;
};

struct Collected
{
    std::map<std::string, Entry> entries;          // relative to the bag's folder
    std::map<std::string, std::string> texts;      // tag files, data/evpack.toml, data/form.toml
    std::optional<pdf::AppendixFacts> appendix;
    std::string appendix_problem;
    std::map<std::string, std::optional<std::vector<std::string>>> evidence; // data/evidence/... -> page fingerprints
    std::map<std::string, std::string> evidence_problem;
};

// "sha256  path" lines; returns path -> hash, reporting malformed lines.
std::map<std::string, std::string> parse_manifest(const std::string& text, const std::string& file,
                                                  std::vector<Finding>& findings, const char* check)
{
    std::map<std::string, std::string> out;
    std::istringstream in(text);
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (line.empty()) {
            continue;
        }
        auto sp = line.find(' ');
        std::string hash = line.substr(0, sp);
        std::size_t start = line.find_first_not_of(' ', sp);
        if (sp != 64 || start == std::string::npos || hash.find_first_not_of("0123456789abcdef") != std::string::npos) {
            findings.push_back({check, false, file + ":" + std::to_string(n) + ": not a '<sha256>  <path>' line"});
            continue;
        }
        std::string path = package::decode_manifest_path(line.substr(start));
        if (!out.emplace(path, hash).second) {
            findings.push_back({check, false, file + ":" + std::to_string(n) + ": '" + path + "' is listed twice"});
        }
    }
    return out;
}

std::map<std::string, std::string> parse_bag_info(const std::string& text)
{
    std::map<std::string, std::string> out;
    std::istringstream in(text);
    std::string line, last;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !last.empty()) {
            out[last] += " " + line.substr(line.find_first_not_of(" \t"));
            continue;
        }
        auto colon = line.find(':');
        if (colon == std::string::npos) {
            continue;
        }
        last = line.substr(0, colon);
        std::size_t v = line.find_first_not_of(' ', colon + 1);
        out[last] = v == std::string::npos ? "" : line.substr(v);
    }
    return out;
}

// Fingerprints spooled files on a second thread while the main thread goes on reading and
// hashing the archive: the two halves of verify's work overlap. PoDoFo documents never cross
// threads (one document per thread is what PoDoFo supports). Each spooled file is deleted once
// read, so the disk holds little more than the appendix.
class Fingerprinter
{
public:
    explicit Fingerprinter(Collected& c) : m_c(c), m_thread([this] { work(); }) {}
    ~Fingerprinter() { finish(); }
    Fingerprinter(const Fingerprinter&) = delete;
    Fingerprinter& operator=(const Fingerprinter&) = delete;

    // A file to parse: a range of the package (read in place), or a whole temporary copy,
    // deleted once read.
    void add(std::string rel, util::FileRange file, evidence::FileType type)
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_jobs.push_back({std::move(rel), std::move(file), type});
        }
        m_wake.notify_one();
    }

    // A result known without parsing.
    void record(const std::string& rel, std::optional<std::vector<std::string>> fingerprints)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_c.evidence[rel] = std::move(fingerprints);
    }

    void finish()
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_done = true;
        }
        m_wake.notify_one();
        if (m_thread.joinable()) {
            m_thread.join();
        }
    }

private:
    struct Job
    {
        std::string rel;
        util::FileRange file{""};
        evidence::FileType type = evidence::FileType::other;
    };

    void work()
    {
        for (;;) {
            Job job;
            {
                std::unique_lock<std::mutex> lock(m_mutex);
                m_wake.wait(lock, [this] { return m_done || !m_jobs.empty(); });
                if (m_jobs.empty()) {
                    return;
                }
                job = std::move(m_jobs.front());
                m_jobs.pop_front();
            }
            run(job);
            if (!job.file.size) { // a temporary copy
                std::remove(job.file.path.c_str());
            }
        }
    }

    void run(const Job& job)
    {
        bool appendix = job.rel == "data/appendix.pdf";
        std::string problem;
        std::optional<pdf::AppendixFacts> facts;
        std::optional<std::vector<std::string>> fingerprints;
        try {
            if (appendix) {
                facts = pdf::read_appendix(job.file);
            } else {
                fingerprints = pdf::evidence_fingerprints(job.file, job.type);
            }
        } catch (const std::exception& e) {
            const auto* error = dynamic_cast<const Error*>(&e);
            problem = error ? error->message() : e.what();
        }
        std::lock_guard<std::mutex> lock(m_mutex);
        if (appendix) {
            m_c.appendix = std::move(facts);
            m_c.appendix_problem = problem;
        } else if (!problem.empty()) {
            m_c.evidence_problem[job.rel] = problem;
        } else {
            m_c.evidence[job.rel] = std::move(fingerprints);
        }
    }

    Collected& m_c;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_jobs;
    bool m_done = false;
    std::thread m_thread; // last: starts once everything it uses exists
};

// Which entries verify parses: the appendix, and the evidence whose pages it fingerprints by
// parsing (a JPEG's fingerprint is its SHA-256).
bool is_parsed(bool appendix, evidence::FileType type)
{
    return appendix || type == evidence::FileType::pdf || type == evidence::FileType::png;
}

// One entry copied to a temporary file as it streams past, once its first bytes say it must be
// parsed (a JPEG's fingerprint is its SHA-256: no copy).
class Spool
{
public:
    Spool(std::string file, bool appendix) : m_file(std::move(file)), m_appendix(appendix) {}
    ~Spool()
    {
        if (m_out) {
            std::fclose(m_out);
        }
    }
    Spool(const Spool&) = delete;
    Spool& operator=(const Spool&) = delete;

    void write(const char* data, std::size_t n)
    {
        if (!m_decided) {
            m_head.append(data, std::min(n, head_bytes - std::min(head_bytes, m_head.size())));
            if (m_head.size() < head_bytes) {
                m_pending.append(data, n);
                return;
            }
            decide();
            put(m_pending.data(), m_pending.size());
            m_pending.clear();
        }
        put(data, n);
    }

    // Ends the entry; true when the copy was written and should be parsed.
    bool close()
    {
        if (!m_decided) {
            decide();
            put(m_pending.data(), m_pending.size());
        }
        if (m_out && std::fclose(std::exchange(m_out, nullptr)) != 0) {
            throw IoError(Position{m_file}, "cannot write a temporary copy: " + std::string(std::strerror(errno)));
        }
        return m_parse;
    }

    evidence::FileType type() const { return m_type; }

private:
    static constexpr std::size_t head_bytes = 4096;

    void decide()
    {
        m_decided = true;
        m_type = evidence::detect_type(m_head).type;
        m_parse = is_parsed(m_appendix, m_type);
        if (m_parse) {
            m_out = util::create_in_temporary_folder(m_file);
            if (!m_out) {
                throw IoError(Position{m_file}, "cannot write a temporary copy: " + std::string(std::strerror(errno)));
            }
        }
    }

    void put(const char* data, std::size_t n)
    {
        if (m_out && n && std::fwrite(data, 1, n, m_out) != n) {
            throw IoError(Position{m_file}, "cannot write a temporary copy: " + std::string(std::strerror(errno)));
        }
    }

    std::string m_file;
    bool m_appendix;
    bool m_decided = false, m_parse = false;
    std::string m_head, m_pending;
    evidence::FileType m_type = evidence::FileType::other;
    std::FILE* m_out = nullptr;
};

Collected collect(const std::string& path, Report& report, bool show_progress)
{
    Collected c;
    package::ArchiveReader reader(path);
    util::TempDir temp("evpack-verify");
    struct stat st{};
    ::stat(path.c_str(), &st);
    util::Progress progress("verify", static_cast<std::uint64_t>(st.st_size), util::Progress::Unit::bytes, show_progress);
    Fingerprinter fingerprinter(c);
    std::uint64_t seen = 0;
    int spooled = 0;
    while (reader.next()) {
        const std::string& name = reader.name();
        auto slash = name.find('/');
        if (slash == std::string::npos) {
            throw Error(Position{path}, "entry '" + name + "' is outside the bag's folder: a package holds one top folder");
        }
        std::string top = name.substr(0, slash);
        if (report.bag_name.empty()) {
            report.bag_name = top;
        } else if (top != report.bag_name) {
            throw Error(Position{path}, "entry '" + name + "' is outside the bag's folder '" + report.bag_name + "'");
        }
        std::string rel = name.substr(slash + 1);
        bool is_text = tag_files.count(rel) || rel == "data/evpack.toml" || rel == "data/form.toml";
        bool is_appendix = rel == "data/appendix.pdf";
        bool is_evidence = rel.rfind("data/evidence/", 0) == 0;
        crypto::Sha256 hash;
        std::string text;
        bool keep_text = is_text;
        std::optional<Spool> spool;
        std::optional<package::ArchiveReader::Range> in_place = reader.stored_range();
        std::optional<evidence::FileType> in_place_type;
        if ((is_appendix || is_evidence) && in_place) {
            // Parsed where it lies, from now on: the second thread reads it while this one
            // hashes it (the same bytes of the package file).
            util::FileRange range(path, in_place->offset, in_place->size);
            in_place_type = evidence::detect_type(
                util::read_file(util::FileRange(path, in_place->offset, std::min<std::uint64_t>(in_place->size, 4096)))).type;
            if (is_parsed(is_appendix, *in_place_type)) {
                fingerprinter.add(rel, range, *in_place_type);
            }
        } else if (is_appendix || is_evidence) {
            spool.emplace(temp.path() + "/" + std::to_string(++spooled), is_appendix);
        }
        std::uint64_t size = 0;
        reader.read([&](const char* data, std::size_t n) {
            hash.update(data, n);
            size += n;
            if (keep_text) {
                if (text.size() + n > max_tag_bytes) {
                    keep_text = false;
                    std::string().swap(text);
                } else {
                    text.append(data, n);
                }
            }
            if (spool) {
                spool->write(data, n);
            }
            progress.advance(seen + size, rel);
        });
        seen += size;
        std::string digest = hash.hex_digest();
        c.entries[rel] = {digest, size};
        if (keep_text) {
            c.texts[rel] = std::move(text);
        }
        std::optional<evidence::FileType> unparsed; // an evidence file known without parsing
        if (in_place_type && !is_parsed(is_appendix, *in_place_type)) {
            unparsed = in_place_type;
        }
        if (spool) {
            if (spool->close()) {
                fingerprinter.add(rel, temp.path() + "/" + std::to_string(spooled), spool->type());
            } else {
                unparsed = spool->type();
            }
        }
        if (unparsed) {
            if (*unparsed == evidence::FileType::jpeg) {
                // Build embeds a JPEG byte for byte: its page's fingerprint is the file's SHA-256.
                fingerprinter.record(rel, std::vector<std::string>{digest});
            } else {
                fingerprinter.record(rel, std::nullopt);
            }
        }
    }
    fingerprinter.finish();
    progress.finish();
    if (report.bag_name.empty()) {
        throw Error(Position{path}, "the archive is empty");
    }
    return c;
}

void check_structure(const Collected& c, Report& r)
{
    std::size_t before = r.findings.size();
    auto bagit = c.texts.find("bagit.txt");
    if (bagit == c.texts.end()) {
        r.findings.push_back({"structure", false, "bagit.txt is missing: not a BagIt bag"});
    } else {
        auto fields = parse_bag_info(bagit->second);
        if (fields["BagIt-Version"] != "1.0" && fields["BagIt-Version"] != "0.97") {
            r.findings.push_back({"structure", false, "bagit.txt: BagIt-Version is '" + fields["BagIt-Version"] + "', not 1.0"});
        }
        if (fields["Tag-File-Character-Encoding"] != "UTF-8") {
            r.findings.push_back({"structure", false, "bagit.txt: Tag-File-Character-Encoding must be UTF-8"});
        }
    }
    std::uint64_t bytes = 0;
    std::size_t files = 0;
    for (const auto& [name, e] : c.entries) {
        if (name.rfind("data/", 0) == 0) {
            bytes += e.size;
            ++files;
        }
    }
    r.payload_bytes = bytes;
    r.payload_files = files;
    std::string oxum = std::to_string(bytes) + "." + std::to_string(files);
    auto info = c.texts.find("bag-info.txt");
    if (info == c.texts.end()) {
        r.findings.push_back({"structure", false, "bag-info.txt is missing"});
    } else {
        auto fields = parse_bag_info(info->second);
        if (fields.count("Payload-Oxum") == 0) {
            r.findings.push_back({"structure", false, "bag-info.txt has no Payload-Oxum"});
        } else if (fields["Payload-Oxum"] != oxum) {
            r.findings.push_back({"structure", false, "bag-info.txt: Payload-Oxum is " + fields["Payload-Oxum"]
                                                          + " but the payload holds " + oxum + " (bytes.files)"});
        }
    }
    if (r.findings.size() == before) {
        r.findings.push_back({"structure", true, "BagIt 1.0 bag '" + r.bag_name + "'; Payload-Oxum " + oxum + " matches"});
    }
}

void check_integrity(const Collected& c, Report& r)
{
    std::size_t before = r.findings.size();
    auto manifest_text = c.texts.find("manifest-sha256.txt");
    std::map<std::string, std::string> listed;
    if (manifest_text == c.texts.end()) {
        r.findings.push_back({"integrity", false, "manifest-sha256.txt is missing"});
    } else {
        listed = parse_manifest(manifest_text->second, "manifest-sha256.txt", r.findings, "integrity");
    }
    for (const auto& [path, hash] : listed) {
        auto it = c.entries.find(path);
        if (path.rfind("data/", 0) != 0) {
            r.findings.push_back({"integrity", false, "manifest-sha256.txt lists '" + path + "', which is not payload"});
        } else if (it == c.entries.end()) {
            r.findings.push_back({"integrity", false, path + ": missing (listed in manifest-sha256.txt)"});
        } else if (it->second.sha256 != hash) {
            r.findings.push_back({"integrity", false, path + ": SHA-256 does not match manifest-sha256.txt (changed)"});
        }
    }
    std::map<std::string, std::string> tags;
    auto tag_text = c.texts.find("tagmanifest-sha256.txt");
    if (tag_text == c.texts.end()) {
        r.findings.push_back({"integrity", false, "tagmanifest-sha256.txt is missing"});
    } else {
        tags = parse_manifest(tag_text->second, "tagmanifest-sha256.txt", r.findings, "integrity");
    }
    for (const auto& [path, hash] : tags) {
        auto it = c.entries.find(path);
        if (it == c.entries.end()) {
            r.findings.push_back({"integrity", false, path + ": missing (listed in tagmanifest-sha256.txt)"});
        } else if (it->second.sha256 != hash) {
            r.findings.push_back({"integrity", false, path + ": SHA-256 does not match tagmanifest-sha256.txt (changed)"});
        }
    }
    for (const char* required : {"bagit.txt", "bag-info.txt", "manifest-sha256.txt"}) {
        if (c.entries.count(required) && !tags.count(required)) {
            r.findings.push_back({"integrity", false, std::string(required) + " is not covered by tagmanifest-sha256.txt"});
        }
    }
    for (const auto& [path, e] : c.entries) {
        bool is_payload = path.rfind("data/", 0) == 0;
        if (is_payload && !listed.count(path)) {
            r.findings.push_back({"integrity", false, path + ": present but not listed in manifest-sha256.txt (added)"});
        } else if (!is_payload && path != "tagmanifest-sha256.txt" && path != "signature.p7s" && !tags.count(path)) {
            r.findings.push_back({"integrity", false, path + ": present but not listed in tagmanifest-sha256.txt (added)"});
        }
    }
    if (r.findings.size() == before) {
        r.findings.push_back({"integrity", true, std::to_string(listed.size()) + " payload files and " + std::to_string(tags.size())
                                                     + " tag files match their SHA-256; nothing missing, nothing added"});
    }
}

void check_signature(const Collected& c, Report& r, const Options& options)
{
    auto sig = c.texts.find("signature.p7s");
    auto tags = c.texts.find("tagmanifest-sha256.txt");
    if (sig == c.texts.end()) {
        r.findings.push_back({"signature", false, "the package is not signed (no signature.p7s)"});
        return;
    }
    if (tags == c.texts.end()) {
        r.findings.push_back({"signature", false, "nothing to check the signature against (no tagmanifest-sha256.txt)"});
        return;
    }
    r.signed_package = true;
    r.signature = crypto::verify_detached(sig->second, tags->second, options.trust);
    const crypto::SignerInfo& s = r.signature.signer;
    std::string who = s.subject.empty() ? "unknown signer"
                                        : s.subject + " (SHA-256 " + s.fingerprint + ", valid " + s.not_before + " to "
                                              + s.not_after + ")";
    if (!r.signature.valid) {
        r.findings.push_back({"signature", false, "signature.p7s is not a valid signature of the tag manifest: " + r.signature.problem});
    } else if (!r.signature.trusted) {
        r.findings.push_back({"signature", false, "signed by " + who + ", who is NOT trusted: " + r.signature.problem});
    } else {
        r.findings.push_back({"signature", true, "signed by " + who + ", trusted"});
    }
}

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

std::optional<manifest::Manifest> check_completeness(const Collected& c, Report& r)
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
            std::string path = "data/" + ev.file;
            auto it = c.entries.find(path);
            if (it == c.entries.end()) {
                r.findings.push_back({"completeness", false, "indicator " + e.id + ": " + path + " is named by data/evpack.toml but not in the package"});
            } else if (!ev.sha256) {
                r.findings.push_back({"completeness", false, "indicator " + e.id + ": data/evpack.toml records no sha256 for " + path});
            } else if (*ev.sha256 != it->second.sha256) {
                r.findings.push_back({"completeness", false, "indicator " + e.id + ": " + path + " is not the file that was bound (SHA-256 differs from data/evpack.toml)"});
            }
        }
    }
    if (r.findings.size() == before) {
        r.findings.push_back({"completeness", true, "all " + std::to_string(report.manifest->indicators.size())
                                                        + " indicators of " + form_note + " present in order: "
                                                        + std::to_string(with_evidence) + " with evidence, " + std::to_string(none) + " 无"});
    }
    return report.manifest;
}

const pdf::AppendixOutline* find_child(const std::vector<pdf::AppendixOutline>& list, const std::string& prefix, int page)
{
    for (const auto& o : list) {
        if (o.title.rfind(prefix, 0) == 0 && o.page == page) {
            return &o;
        }
    }
    return nullptr;
}

void check_appendix(const Collected& c, const std::optional<manifest::Manifest>& m, Report& r)
{
    std::size_t before = r.findings.size();
    if (!c.entries.count("data/appendix.pdf")) {
        r.findings.push_back({"appendix", false, "data/appendix.pdf is missing"});
        return;
    }
    if (!c.appendix) {
        r.findings.push_back({"appendix", false, "data/appendix.pdf: " + c.appendix_problem});
        return;
    }
    if (!m) {
        r.findings.push_back({"appendix", false, "cannot be compared: no usable data/evpack.toml"});
        return;
    }
    const pdf::AppendixFacts& a = *c.appendix;
    // Indicators hang under group bookmarks; collect them all.
    std::vector<pdf::AppendixOutline> indicator_items;
    for (const auto& top : a.outlines) {
        for (const auto& child : top.children) {
            indicator_items.push_back(child);
        }
    }
    int compared = 0, not_comparable = 0, last_page = 0;
    for (const auto& e : m->indicators) {
        if (!e.pages) {
            r.findings.push_back({"appendix", false, "indicator " + e.id + ": data/evpack.toml records no appendix pages"});
            continue;
        }
        last_page = std::max(last_page, e.pages->second);
        const pdf::AppendixOutline* item = find_child(indicator_items, "指标 " + e.id + " ", e.pages->first);
        if (!item) {
            r.findings.push_back({"appendix", false, "indicator " + e.id + ": no bookmark points at its page " + std::to_string(e.pages->first)});
        }
        for (const auto& ev : e.evidence) {
            std::string path = "data/" + ev.file;
            if (!ev.pages) {
                r.findings.push_back({"appendix", false, path + ": data/evpack.toml records no appendix pages"});
                continue;
            }
            auto [first, last] = *ev.pages;
            if (item && !find_child(item->children, ev.title, first)) {
                r.findings.push_back({"appendix", false, path + ": no bookmark '" + ev.title + "' points at page " + std::to_string(first)});
            }
            if (last > a.pages) {
                r.findings.push_back({"appendix", false, path + ": pages " + std::to_string(first) + "–" + std::to_string(last)
                                                             + " are beyond the appendix's " + std::to_string(a.pages)});
                continue;
            }
            if (auto problem = c.evidence_problem.find(path); problem != c.evidence_problem.end()) {
                r.findings.push_back({"appendix", false, path + ": " + problem->second});
                continue;
            }
            auto fps = c.evidence.find(path);
            if (fps == c.evidence.end()) {
                continue; // missing file: reported by completeness
            }
            if (!fps->second) {
                ++not_comparable;
                continue;
            }
            const auto& expected = *fps->second;
            if (static_cast<int>(expected.size()) != last - first + 1) {
                r.findings.push_back({"appendix", false, path + ": has " + std::to_string(expected.size()) + " pages but appendix pages "
                                                             + std::to_string(first) + "–" + std::to_string(last) + " are recorded for it"});
                continue;
            }
            for (int k = 0; k < static_cast<int>(expected.size()); ++k) {
                if (a.page_fingerprints[static_cast<std::size_t>(first - 1 + k)] != expected[static_cast<std::size_t>(k)]) {
                    r.findings.push_back({"appendix", false, "page " + std::to_string(first + k) + " does not carry page "
                                                                 + std::to_string(k + 1) + " of " + path});
                } else {
                    ++compared;
                }
            }
        }
    }
    if (last_page != a.pages) {
        r.findings.push_back({"appendix", false, "the appendix has " + std::to_string(a.pages) + " pages; data/evpack.toml accounts for "
                                                     + std::to_string(last_page)});
    }
    if (r.findings.size() == before) {
        std::string msg = std::to_string(a.pages) + " pages; bookmarks point at the recorded ranges; " + std::to_string(compared)
            + " evidence pages carry their original content";
        if (not_comparable) {
            msg += " (" + std::to_string(not_comparable) + (not_comparable == 1 ? " re-encoded image" : " re-encoded images") + std::string(" checked by checksum only)");
        }
        r.findings.push_back({"appendix", true, msg});
    }
}

} // namespace

Report run(const std::string& package_path, const Options& options)
{
    Report report;
    report.package = package_path;
    Collected c = collect(package_path, report, options.progress);
    check_structure(c, report);
    check_integrity(c, report);
    check_signature(c, report, options);
    auto manifest = check_completeness(c, report);
    check_appendix(c, manifest, report);
    return report;
}

std::string format_text(const Report& report)
{
    std::string out;
    for (const Finding& f : report.findings) {
        out += std::string(f.ok ? "✓ " : "✗ ") + f.check + ": " + f.message + "\n";
    }
    std::size_t failed = 0;
    for (const Finding& f : report.findings) {
        failed += f.ok ? 0 : 1;
    }
    if (report.ok()) {
        out += "\nOK: " + report.package + " is intact, signed by a trusted signer, and complete\n";
    } else {
        out += "\nFAILED: " + report.package + ": " + std::to_string(failed) + (failed == 1 ? " problem" : " problems") + "\n";
    }
    return out;
}

std::string format_json(const Report& report)
{
    using nlohmann::ordered_json;
    ordered_json j;
    j["package"] = report.package;
    j["ok"] = report.ok();
    j["bag"] = report.bag_name;
    j["payload_files"] = report.payload_files;
    j["payload_bytes"] = report.payload_bytes;
    ordered_json checks = ordered_json::array();
    for (const Finding& f : report.findings) {
        checks.push_back({{"check", f.check}, {"ok", f.ok}, {"message", f.message}});
    }
    j["checks"] = checks;
    if (report.signed_package) {
        const auto& s = report.signature.signer;
        j["signer"] = {{"subject", s.subject}, {"issuer", s.issuer}, {"sha256", s.fingerprint},
                       {"not_before", s.not_before}, {"not_after", s.not_after},
                       {"valid", report.signature.valid}, {"trusted", report.signature.trusted}};
    } else {
        j["signer"] = nullptr;
    }
    return j.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

} // namespace evpack::verify
