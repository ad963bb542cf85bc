#include "office/render.hpp"

#include "crypto/sha256.hpp"
#include "office/cache.hpp"
#include "office/fontconfig.hpp"
#include "office/libreoffice.hpp"
#include "pdf/rendering.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/interrupt.hpp"
#include "util/temp_dir.hpp"

#include <atomic>
#include <cstdlib>
#include <map>
#include <mutex>
#include <thread>
#include <unistd.h>

namespace evpack::office {

namespace {

// Bumped whenever what evpack does to a rendering changes, so that old cache entries are not used.
constexpr const char* rendering_scheme = "evpack-rendering-1";

// SOURCE_DATE_EPOCH, when set, dates the rendering (and so is part of its key); without it the
// rendering carries no dates, so a cached one is the same whenever it was made.
std::optional<std::int64_t> source_date()
{
    const char* set = std::getenv("SOURCE_DATE_EPOCH");
    if (!set || !*set) {
        return std::nullopt;
    }
    return util::output_time();
}

std::string cache_key(const RenderRequest& r, const Installation& lo, const std::optional<std::int64_t>& date)
{
    std::string options = std::string(rendering_scheme) + "\nfilter=" + evidence::office_import_filter(r.format)
        + "\nexport=pdf\nfonts=" + crypto::sha256_hex(fontconfig_text())
        + "\ndate=" + (date ? std::to_string(*date) : std::string("none"));
    return crypto::sha256_hex(r.sha256 + "\n" + lo.fingerprint + "\n" + options);
}

int timeout_for(const RenderOptions& options, std::size_t files)
{
    if (options.timeout_seconds) {
        return *options.timeout_seconds;
    }
    if (const char* set = std::getenv("EVPACK_OFFICE_TIMEOUT"); set && *set) {
        int seconds = std::atoi(set);
        if (seconds > 0) {
            return seconds;
        }
    }
    return 60 + 20 * static_cast<int>(files);
}

struct Group
{
    std::string filter; // --infilter; empty: LibreOffice detects each file's type
    std::vector<std::size_t> requests; // indexes
    bool finished = true;              // false: timed out
};

// Which files need LibreOffice told their type. --infilter applies to every file of a run, so
// each filter costs a run of its own (a LibreOffice start, ~4.5 s of CPU). It is needed where
// LibreOffice's own detection, failing on a damaged file, falls back to importing it as text:
// measured, a damaged .xls (an OLE2 file whose Workbook stream is garbage) came out as 9 pages of
// mojibake, a damaged .rtf as one. OOXML and OpenDocument files are recognised by the parts
// evidence/office_type checked ([Content_Types].xml and the main part, ODF's mimetype), and a
// damaged one is "could not be loaded" without a filter too (measured): these go together,
// spread over one run per core.
bool needs_filter(evidence::OfficeFormat f)
{
    using evidence::OfficeFormat;
    return f == OfficeFormat::doc || f == OfficeFormat::xls || f == OfficeFormat::ppt || f == OfficeFormat::rtf;
}

} // namespace

RenderRun render(const std::vector<RenderRequest>& requests, const RenderOptions& options)
{
    RenderRun run;
    run.renderings.resize(requests.size());
    if (requests.empty()) {
        return run;
    }
    std::optional<Installation> lo = find_libreoffice();
    if (!lo) {
        // Its cached renderings could only be found with its fingerprint.
        run.libreoffice_missing = true;
        for (Rendering& r : run.renderings) {
            r.error = "converting it to PDF needs LibreOffice, which is not installed: " + std::string(install_hint);
        }
        return run;
    }
    RenderCache cache(options.cache_folder.empty() ? RenderCache::default_folder() : options.cache_folder);
    std::optional<std::int64_t> date = source_date();
    std::vector<std::string> keys;
    std::map<std::string, Group> groups;
    std::vector<std::size_t> detected; // converted without a filter
    for (std::size_t i = 0; i < requests.size(); ++i) {
        keys.push_back(cache_key(requests[i], *lo, date));
        if (auto hit = cache.find(keys.back())) {
            run.renderings[i].pdf_path = hit->pdf_path;
            run.renderings[i].converter = hit->converter;
            continue;
        }
        if (!needs_filter(requests[i].format)) {
            detected.push_back(i);
            continue;
        }
        Group& g = groups[evidence::office_import_filter(requests[i].format)];
        g.filter = evidence::office_import_filter(requests[i].format);
        g.requests.push_back(i);
    }
    unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    std::size_t spread = std::min<std::size_t>(cores, detected.size());
    for (std::size_t k = 0; k < detected.size(); ++k) {
        groups[" detected " + std::to_string(k % spread)].requests.push_back(detected[k]);
    }
    if (groups.empty()) {
        return run;
    }

    util::TempDir work("evpack-office");
    std::string fonts = work.path() + "/fonts.conf";
    util::write_file_atomic(fonts, fontconfig_text());
    std::vector<Group*> pending;
    int g_index = 0;
    std::map<std::size_t, std::string> outputs; // request -> the PDF LibreOffice should write
    std::map<Group*, int> group_numbers;
    for (auto& [filter, g] : groups) {
        int n = ++g_index;
        group_numbers[&g] = n;
        std::string in = work.path() + "/in-" + std::to_string(n);
        std::string out = work.path() + "/out-" + std::to_string(n);
        util::create_folder_in_temporary_folder(in, 0700);
        util::create_folder_in_temporary_folder(out, 0700);
        for (std::size_t i : g.requests) {
            // A name of its own (two originals may share one) with the extension of what it is.
            std::string name = std::to_string(i) + "." + evidence::office_extension(requests[i].format);
            util::write_file_atomic(in + "/" + name, util::read_file(requests[i].path));
            outputs[i] = out + "/" + std::to_string(i) + ".pdf";
        }
        pending.push_back(&g);
    }
    int timeout = 0;
    for (Group* g : pending) {
        timeout = std::max(timeout, timeout_for(options, g->requests.size()));
    }

    // The runs, in parallel, one per core at most; and the version, asked meanwhile.
    std::string converter;
    std::thread version_thread([&] { converter = version(*lo, work.path()); });
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> workers;
    std::mutex errors_mutex;
    std::string start_error;
    for (unsigned w = 0; w < std::min<std::size_t>(cores, pending.size()); ++w) {
        workers.emplace_back([&] {
            for (std::size_t k; (k = next++) < pending.size();) {
                Group& g = *pending[k];
                std::string n = std::to_string(group_numbers[&g]);
                std::vector<std::string> inputs;
                for (std::size_t i : g.requests) {
                    inputs.push_back(work.path() + "/in-" + n + "/" + std::to_string(i) + "."
                                     + evidence::office_extension(requests[i].format));
                }
                std::string profile = work.path() + "/profile-" + n;
                try {
                    g.finished = convert(*lo, inputs, g.filter, work.path() + "/out-" + n, profile, fonts,
                                         work.path() + "/log-" + n + ".txt", std::chrono::seconds(timeout));
                } catch (const Error& e) {
                    std::lock_guard<std::mutex> lock(errors_mutex);
                    start_error = e.what();
                    g.finished = true;
                }
            }
        });
    }
    for (std::thread& t : workers) {
        t.join();
    }
    version_thread.join();
    run.libreoffice_runs = static_cast<int>(pending.size());

    for (Group* g : pending) {
        for (std::size_t i : g->requests) {
            Rendering& r = run.renderings[i];
            const std::string& made = outputs[i];
            if (!start_error.empty()) {
                r.error = "LibreOffice could not be started (" + start_error + "); reinstall it: " + install_hint;
                continue;
            }
            if (!g->finished) {
                r.error = "LibreOffice did not finish converting it within " + std::to_string(timeout)
                    + " s and was stopped; open it in Word or WPS and save it as PDF, or allow more time with "
                      "EVPACK_OFFICE_TIMEOUT=<seconds>";
                continue;
            }
            if (::access(made.c_str(), R_OK) != 0) {
                r.error = "LibreOffice could not read it: it is damaged, protected by a password, or not what its "
                          "content starts like; open it in Word or WPS, save it again without a password and retry";
                continue;
            }
            std::string fixed = made + ".fixed.pdf";
            try {
                pdf::RenderedPdf facts = pdf::write_reproducible(made, fixed, date);
                if (facts.pages <= 0 || facts.blank) {
                    r.error = "LibreOffice rendered it as " + std::string(facts.pages <= 0 ? "no pages" : "blank pages")
                        + ": it has nothing to show, or nothing LibreOffice can show; open it in Word or WPS and "
                          "check it, or save it as PDF and list the PDF instead";
                    continue;
                }
                r.pages = facts.pages;
            } catch (const Error& e) {
                r.error = "LibreOffice wrote a PDF that cannot be read (" + e.message() + "); save it as PDF in Word or "
                          "WPS and list the PDF instead";
                continue;
            }
            try {
                RenderCache::Entry stored = cache.store(keys[i], fixed, converter);
                r.pdf_path = stored.pdf_path;
                r.converter = stored.converter;
                r.converted = true;
            } catch (const Error& e) {
                r.error = std::string("its rendering cannot be kept: ") + e.what();
            }
        }
    }
    return run;
}

} // namespace evpack::office
