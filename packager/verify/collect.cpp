#include "verify/checks.hpp"

#include "crypto/sha256.hpp"
#include "evidence/file_type.hpp"
#include "package/reader.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/interrupt.hpp"
#include "util/progress.hpp"
#include "util/temp_dir.hpp"

#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <mutex>
#include <sys/stat.h>
#include <thread>
#include <utility>

namespace evpack::verify {

namespace {

// Tag files (and the packaged manifest and form) are kept in memory: each up to 16 MiB, all of
// them up to 64 MiB, so that a package of many large tag files cannot make verify's memory grow.
constexpr std::size_t max_tag_bytes = 16 << 20;
constexpr std::size_t max_all_tag_bytes = 64 << 20;

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
        pdf::EvidenceFacts evidence;
        try {
            if (appendix) {
                facts = pdf::read_appendix(job.file);
            } else {
                evidence = pdf::read_evidence(job.file, job.type);
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
            m_c.evidence[job.rel] = std::move(evidence.fingerprints);
            m_c.evidence_outlines[job.rel] = std::move(evidence.outlines);
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

} // namespace

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
    std::size_t kept = 0; // bytes of text kept
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
        bool is_text = rel.rfind("data/", 0) != 0 || rel == "data/evpack.toml" || rel == "data/form.toml";
        bool is_appendix = rel == "data/appendix.pdf";
        // Office renderings are bound like PDF evidence.
        bool is_evidence = rel.rfind("data/evidence/", 0) == 0 || rel.rfind("data/rendered/", 0) == 0;
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
            if (is_appendix) {
                c.appendix_bytes->expect_size(in_place->size);
            }
        } else if (is_appendix || is_evidence) {
            spool.emplace(temp.path() + "/" + std::to_string(++spooled), is_appendix);
        }
        std::uint64_t size = 0;
        reader.read([&](const char* data, std::size_t n) {
            if (is_appendix) {
                c.appendix_bytes->update(data, n); // hashed there, for its signature too
            } else {
                hash.update(data, n);
            }
            size += n;
            if (keep_text) {
                if (text.size() + n > max_tag_bytes || kept + text.size() + n > max_all_tag_bytes) {
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
        std::string digest = is_appendix ? c.appendix_bytes->hex_digest() : hash.hex_digest();
        c.entries[rel] = {digest, size};
        if (keep_text) {
            kept += text.size();
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
        if (is_evidence && (in_place_type || spool)) {
            c.evidence_types[rel] = in_place_type ? *in_place_type : spool->type();
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

} // namespace evpack::verify
