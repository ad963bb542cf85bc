#include "verify/batch.hpp"

#include "crypto/cms.hpp"
#include "util/error.hpp"
#include "util/progress.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <dirent.h>
#include <mutex>
#include <sys/stat.h>
#include <thread>

namespace evpack::verify {

namespace {

bool is_package_name(const std::string& name)
{
    auto dot = name.find_last_of('.');
    if (dot == std::string::npos || name[0] == '.') {
        return false;
    }
    std::string ext = name.substr(dot + 1);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext == "zip" || ext == "tar";
}

} // namespace

std::vector<std::string> list_packages(const std::vector<std::string>& paths)
{
    std::vector<std::string> out;
    for (const std::string& path : paths) {
        struct stat st{};
        if (::stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
            out.push_back(path);
            continue;
        }
        DIR* dir = ::opendir(path.c_str());
        if (!dir) {
            throw IoError(Position{path}, "cannot list the folder");
        }
        std::vector<std::string> names;
        while (dirent* e = ::readdir(dir)) {
            if (is_package_name(e->d_name)) {
                names.emplace_back(e->d_name);
            }
        }
        ::closedir(dir);
        if (names.empty()) {
            throw UsageError(Position{path}, "no .zip or .tar packages in this folder");
        }
        std::sort(names.begin(), names.end());
        for (const std::string& name : names) {
            out.push_back(path + (path.back() == '/' ? "" : "/") + name);
        }
    }
    return out;
}

std::vector<Report> run_batch(const std::vector<std::string>& packages, const BatchOptions& options)
{
    // A bad --trust file concerns every package: said once, before any is read.
    for (const std::string& cert : options.verify.trust) {
        crypto::read_certificates(cert);
    }
    Options each = options.verify;
    each.progress = false;
    unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
    jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, packages.size()));
    std::vector<Report> reports(packages.size());
    std::atomic<std::size_t> next{0};
    std::mutex mutex;
    std::size_t done = 0;
    util::Progress progress("verify", packages.size(), util::Progress::Unit::packages, options.progress);
    auto work = [&] {
        for (std::size_t i; (i = next++) < packages.size();) {
            Report r;
            try {
                r = run(packages[i], each);
            } catch (const std::bad_alloc&) {
                r = Report{};
                r.refused = packages[i] + ": out of memory while verifying";
            } catch (const std::exception& e) {
                // Whatever went wrong, it went wrong with this package: the others go on.
                r = Report{};
                r.refused = packages[i] + ": " + e.what();
            }
            r.package = packages[i];
            std::lock_guard<std::mutex> lock(mutex);
            reports[i] = std::move(r);
            progress.advance(++done, packages[i]);
        }
    };
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < jobs; ++t) {
        threads.emplace_back(work);
    }
    work();
    for (std::thread& t : threads) {
        t.join();
    }
    progress.finish();
    return reports;
}

} // namespace evpack::verify
