#include "office/libreoffice.hpp"

#include "crypto/sha256.hpp"
#include "util/child_process.hpp"
#include "util/error.hpp"
#include "util/file.hpp"

#include <climits>
#include <cstdlib>
#include <sys/stat.h>
#include <unistd.h>

namespace evpack::office {

const char* const install_hint =
    "apt-get install libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui";

namespace {

std::optional<std::string> in_path(const std::string& name)
{
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/bin:/bin";
    for (std::size_t start = 0; start <= dirs.size();) {
        std::size_t end = dirs.find(':', start);
        std::string dir = dirs.substr(start, end == std::string::npos ? std::string::npos : end - start);
        std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
        if (::access(candidate.c_str(), X_OK) == 0) {
            return candidate;
        }
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
    return std::nullopt;
}

std::string stat_text(const std::string& path)
{
    struct stat st{};
    if (::stat(path.c_str(), &st) != 0) {
        return path + ": none";
    }
    return path + ": " + std::to_string(st.st_size) + " " + std::to_string(st.st_mtim.tv_sec) + "."
        + std::to_string(st.st_mtim.tv_nsec);
}

// The program folder soffice belongs to: beside its real path (/usr/bin/soffice links into
// /usr/lib/libreoffice/program), else Debian's.
std::string program_dir(const std::string& program)
{
    char buf[PATH_MAX];
    if (::realpath(program.c_str(), buf)) {
        std::string dir = util::dirname(buf);
        if (::access((dir + "/versionrc").c_str(), R_OK) == 0) {
            return dir;
        }
    }
    return "/usr/lib/libreoffice/program";
}

// Nothing of the user's (HOME, the XDG folders: it wrote dconf's settings into the cache folder)
// for LibreOffice to read or write: all under dir, which the caller removes.
std::vector<std::pair<std::string, std::string>> private_environment(const std::string& dir)
{
    return {{"HOME", dir},
            {"XDG_CACHE_HOME", dir + "/cache"},
            {"XDG_CONFIG_HOME", dir + "/config"},
            {"XDG_DATA_HOME", dir + "/data"},
            {"GSETTINGS_BACKEND", "memory"},
            {"SAL_USE_VCLPLUGIN", "svp"}};
}

} // namespace

std::optional<Installation> find_libreoffice()
{
    Installation lo;
    if (const char* set = std::getenv("EVPACK_SOFFICE"); set && *set) {
        if (::access(set, X_OK) != 0) {
            return std::nullopt;
        }
        lo.program = set;
    } else if (auto found = in_path("soffice")) {
        lo.program = *found;
    } else {
        return std::nullopt;
    }
    std::string dir = program_dir(lo.program);
    std::string versionrc;
    try {
        versionrc = util::read_file(dir + "/versionrc");
    } catch (const Error&) {
    }
    lo.fingerprint = crypto::sha256_hex(versionrc + "\n" + stat_text(dir + "/libmergedlo.so") + "\n"
                                        + stat_text(dir + "/soffice.bin"));
    return lo;
}

std::string version(const Installation& lo, const std::string& work_dir)
{
    std::string log = work_dir + "/version.txt";
    util::ChildOptions options;
    options.argv = {lo.program, "--version"};
    options.env = private_environment(work_dir + "/version-home");
    options.output_path = log;
    options.timeout = std::chrono::seconds(30);
    util::ChildResult r = util::run_child(options);
    std::string text;
    try {
        text = util::read_file(log);
    } catch (const Error&) {
    }
    // The line that names it; javaldx warnings may come first.
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = text.find('\n', start);
        std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (line.rfind("LibreOffice ", 0) == 0) {
            return line;
        }
        start = end == std::string::npos ? text.size() : end + 1;
    }
    return r.timed_out ? "LibreOffice (version unknown: --version timed out)" : "LibreOffice (version unknown)";
}

bool convert(const Installation& lo, const std::vector<std::string>& inputs, const std::string& import_filter,
             const std::string& out_dir, const std::string& profile_dir, const std::string& fontconfig_file,
             const std::string& log_path, std::chrono::milliseconds timeout)
{
    util::ChildOptions options;
    options.argv = {lo.program, "-env:UserInstallation=file://" + profile_dir, "--headless", "--norestore", "--nolockcheck"};
    if (!import_filter.empty()) {
        options.argv.push_back("--infilter=" + import_filter);
    }
    options.argv.insert(options.argv.end(), {"--convert-to", "pdf", "--outdir", out_dir});
    options.argv.insert(options.argv.end(), inputs.begin(), inputs.end());
    options.env = private_environment(profile_dir);
    options.env.emplace_back("FONTCONFIG_FILE", fontconfig_file);
    options.output_path = log_path;
    options.timeout = timeout;
    return !util::run_child(options).timed_out;
}

} // namespace evpack::office
