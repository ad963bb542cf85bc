#include "ocr/recognize.hpp"

#include "crypto/sha256.hpp"
#include "ocr/page_image.hpp"
#include "office/cache.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/progress.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <filesystem>
#include <mutex>
#include <omp.h>
#include <poppler/cpp/poppler-version.h>
#include <sched.h>
#include <thread>
#include <unistd.h>

namespace evpack::ocr {

namespace {

struct Job
{
    std::size_t source;
    int page;
    std::string key;
};

std::string cache_path(const std::string& folder, const std::string& key) { return folder + "/" + key + ".ocr"; }

std::optional<CachedPage> cached(const std::string& folder, const std::string& key)
{
    std::string record;
    try {
        record = util::read_file(cache_path(folder, key));
    } catch (const Error&) {
        return std::nullopt;
    }
    return parse(record);
}

// One Tesseract per core, each about 150 MB with chi_sim and a page: no more than the memory
// available allows (a quarter of a GB each, leaving room for the rest), and at most 8.
unsigned default_jobs()
{
    unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    cpu_set_t allowed;
    if (::sched_getaffinity(0, sizeof allowed, &allowed) == 0) {
        cores = std::max(1, CPU_COUNT(&allowed)); // taskset, a container's CPU set
    }
    long pages = ::sysconf(_SC_AVPHYS_PAGES), page_size = ::sysconf(_SC_PAGESIZE);
    if (pages > 0 && page_size > 0) {
        double gb = static_cast<double>(pages) * static_cast<double>(page_size) / (1 << 30);
        cores = std::min(cores, std::max(1u, static_cast<unsigned>(gb * 4)));
    }
    return std::min(cores, 8u);
}

// What one thread keeps between pages: its Tesseract, and the PDF it is reading.
struct Worker
{
    std::unique_ptr<Engine> engine;
    std::size_t open_source = static_cast<std::size_t>(-1);
    std::unique_ptr<PdfPages> pdf;
};

class Run
{
public:
    Run(const std::vector<Source>& sources, const Options& options, std::string folder, Result& result)
        : m_sources(sources), m_options(options), m_folder(std::move(folder)), m_result(result),
          m_failed(sources.size())
    {
    }

    void go(std::vector<Job> jobs)
    {
        m_jobs = std::move(jobs);
        if (m_jobs.empty()) {
            return;
        }
        unsigned threads = static_cast<unsigned>(std::min<std::size_t>(default_jobs(), m_jobs.size()));
        std::error_code ec; // a cache that cannot be written is said at the first page stored
        std::filesystem::create_directories(m_folder, ec);
        util::Progress progress("ocr", m_jobs.size(), util::Progress::Unit::pages, m_options.progress);
        m_progress = &progress;
        std::vector<std::thread> pool;
        try {
            for (unsigned t = 0; t < threads; ++t) {
                pool.emplace_back([this] { work(); });
            }
        } catch (...) { // no more threads: those started finish what is left
            if (pool.empty()) {
                throw;
            }
        }
        for (std::thread& t : pool) {
            t.join();
        }
        progress.finish();
        if (m_fatal) {
            std::rethrow_exception(m_fatal);
        }
    }

private:
    void work()
    {
        // Tesseract parallelises a page with OpenMP (num_threads clauses), which on two cores is
        // no faster and, with pages read in parallel, spins the cores (measured: 4 pages in 32 s,
        // 7 s with OMP_THREAD_LIMIT=1). That variable is read when libgomp loads, before main;
        // a thread that allows no active parallel level runs Tesseract's regions by itself.
        omp_set_max_active_levels(0);
        Worker w;
        for (;;) {
            std::size_t k = m_next++;
            if (k >= m_jobs.size() || m_stop) {
                return;
            }
            try {
                do_job(w, m_jobs[k]);
            } catch (const Error& e) {
                warn(m_jobs[k], e.message());
            } catch (const std::bad_alloc&) {
                w = Worker{}; // what it held is freed; the next page starts afresh
                warn(m_jobs[k], "not enough memory to read it");
            } catch (...) {
                fatal();
                return;
            }
            std::lock_guard<std::mutex> hold(m_lock);
            m_progress->advance(++m_done, m_sources[m_jobs[k].source].label);
        }
    }

    void do_job(Worker& w, const Job& job)
    {
        const Source& s = m_sources[job.source];
        {
            std::lock_guard<std::mutex> hold(m_lock);
            if (m_failed[job.source]) {
                return;
            }
        }
        CachedPage page;
        Scan scan;
        if (s.type == evidence::FileType::pdf) {
            if (w.open_source != job.source) {
                w.pdf.reset();
                w.open_source = job.source;
                try {
                    w.pdf = std::make_unique<PdfPages>(s.path);
                } catch (const Error& e) {
                    fail_source(job.source, e.message());
                    return;
                }
                if (int n = w.pdf->count(); n != s.pages) {
                    fail_source(job.source, "poppler counts " + std::to_string(n) + " pages, not " + std::to_string(s.pages));
                    return;
                }
            }
            if (!w.pdf) {
                return;
            }
            page.has_text = w.pdf->has_text(job.page);
            if (!page.has_text) {
                scan = w.pdf->render(job.page);
            }
        } else {
            scan = read_image(s.path, s.type, job.page, s.orientation, s.pixels);
        }
        if (!page.has_text) {
            if (!w.engine) {
                try {
                    w.engine = std::make_unique<Engine>(m_options.languages);
                } catch (...) { // no Tesseract, no page can be read: the run fails
                    fatal();
                    return;
                }
            }
            PageImage image{scan.raster.width, scan.raster.height, 1, scan.raster.pixels.data(), scan.dpi};
            // As the cache will give it back (boxes to 6 decimals): the first build and every
            // rebuild write the same bytes.
            page.text = parse(serialize({false, w.engine->read(image)})).value().text;
        }
        store(job.key, page);
        std::lock_guard<std::mutex> hold(m_lock);
        if (page.has_text) {
            ++m_result.had_text;
        } else {
            ++m_result.read;
            m_result.pages[job.source][static_cast<std::size_t>(job.page)] = std::move(page.text);
        }
    }

    // The run fails with the exception being handled; the other workers stop after their page.
    void fatal()
    {
        std::lock_guard<std::mutex> hold(m_lock);
        if (!m_fatal) {
            m_fatal = std::current_exception();
        }
        m_stop = true;
    }

    void store(const std::string& key, const CachedPage& page)
    {
        try {
            util::write_file_atomic(cache_path(m_folder, key), serialize(page));
        } catch (const Error& e) {
            std::lock_guard<std::mutex> hold(m_lock);
            if (!m_cache_warned) {
                m_cache_warned = true;
                m_result.warnings.push_back(e.message() + " (the text is used, but will be read again next time)");
            }
        }
    }

    void fail_source(std::size_t source, const std::string& why)
    {
        std::lock_guard<std::mutex> hold(m_lock);
        if (!m_failed[source]) {
            m_failed[source] = true;
            m_result.warnings.push_back(m_sources[source].label + ": " + why + "; its pages have no text layer");
        }
    }

    void warn(const Job& job, const std::string& why)
    {
        std::lock_guard<std::mutex> hold(m_lock);
        m_result.warnings.push_back(m_sources[job.source].label + ": page " + std::to_string(job.page + 1) + ": " + why
                                    + "; it has no text layer");
    }

    const std::vector<Source>& m_sources;
    const Options& m_options;
    std::string m_folder;
    Result& m_result;
    std::vector<Job> m_jobs;
    std::atomic<std::size_t> m_next{0};
    std::atomic<bool> m_stop{false};
    std::mutex m_lock; // guards what follows, and m_result
    std::vector<bool> m_failed;
    std::exception_ptr m_fatal;
    bool m_cache_warned = false;
    std::uint64_t m_done = 0;
    util::Progress* m_progress = nullptr;
};

} // namespace

Result recognize(const std::vector<Source>& sources, const Options& options)
{
    check_languages(options.languages);
    std::string folder = options.cache_folder.empty() ? office::RenderCache::default_folder() : options.cache_folder;
    // What a page's text depends on besides the file: the engine and its data, the languages,
    // how pages are read (poppler renders PDF pages), and this record's format.
    std::string identity = "evpack-ocr 2\n" + engine_identity(options.languages) + "\npoppler "
        + poppler::version_string() + "\nmax side " + std::to_string(max_side) + "\n";
    Result result;
    std::vector<Job> jobs;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const Source& s = sources[i];
        result.pages.emplace_back(static_cast<std::size_t>(std::max(0, s.pages)));
        std::string sha = s.sha256.empty() ? crypto::sha256_file(s.path) : s.sha256;
        for (int k = 0; k < s.pages; ++k) {
            std::string key = crypto::sha256_hex(identity + sha + "\n" + evidence::type_label(s.type) + " page "
                                                 + std::to_string(k) + " orientation " + std::to_string(s.orientation));
            if (std::optional<CachedPage> hit = cached(folder, key)) {
                if (hit->has_text) {
                    ++result.had_text;
                } else {
                    ++result.cached;
                    result.pages[i][static_cast<std::size_t>(k)] = std::move(hit->text);
                }
                continue;
            }
            jobs.push_back({i, k, std::move(key)});
        }
    }
    Run(sources, options, folder, result).go(std::move(jobs));
    std::sort(result.warnings.begin(), result.warnings.end());
    return result;
}

} // namespace evpack::ocr
