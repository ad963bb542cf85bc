#include "verify/extract.hpp"

#include "crypto/sha256.hpp"
#include "package/reader.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/interrupt.hpp"
#include "util/progress.hpp"
#include "util/terminal.hpp"
#include "verify/checks.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace evpack::verify {

namespace {

std::string errno_text() { return std::strerror(errno); }

// The temporary folder beside out_dir: removed with what is in it unless renamed into place.
class Staging
{
public:
    explicit Staging(const std::string& out_dir) : m_final(out_dir)
    {
        std::string base = util::basename(out_dir);
        m_path = util::join(util::dirname(out_dir), "." + base + ".evpack-XXXXXX");
        if (!util::create_temporary_folder(m_path)) {
            throw IoError(Position{out_dir}, "cannot create a folder beside it: " + errno_text());
        }
    }
    ~Staging()
    {
        if (!m_committed) {
            std::error_code ignored;
            std::filesystem::remove_all(m_path, ignored);
            util::keep_on_interrupt(m_path);
        }
    }
    Staging(const Staging&) = delete;
    Staging& operator=(const Staging&) = delete;

    const std::string& path() const { return m_path; }

    // Renames the whole folder into place, never over something that appeared meanwhile.
    void commit()
    {
        if (::chmod(m_path.c_str(), 0755) != 0) {
            throw IoError(Position{m_final}, "cannot set the folder's mode: " + errno_text());
        }
        if (::renameat2(AT_FDCWD, m_path.c_str(), AT_FDCWD, m_final.c_str(), RENAME_NOREPLACE) != 0) {
            throw IoError(Position{m_final}, "cannot move the extracted folder into place: " + errno_text());
        }
        m_committed = true;
        util::keep_on_interrupt(m_path);
        int dir = ::open(util::dirname(m_final).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dir >= 0) {
            ::fsync(dir);
            ::close(dir);
        }
    }

private:
    std::string m_final;
    std::string m_path;
    bool m_committed = false;
};

// A new plain file inside the staging folder: created (never opened if it exists, never through
// a link), mode 0644 whatever the umask, synced before it counts as written.
class NewFile
{
public:
    NewFile(const std::string& path, const std::string& shown) : m_shown(shown)
    {
        m_file = util::create_in_temporary_folder(path);
        if (!m_file) {
            throw IoError(Position{shown}, "cannot create: " + errno_text());
        }
        if (::fchmod(::fileno(m_file), 0644) != 0) {
            throw IoError(Position{shown}, "cannot set its mode: " + errno_text());
        }
    }
    ~NewFile()
    {
        if (m_file) {
            std::fclose(m_file);
        }
    }
    NewFile(const NewFile&) = delete;
    NewFile& operator=(const NewFile&) = delete;

    void write(const char* data, std::size_t n)
    {
        if (n && std::fwrite(data, 1, n, m_file) != n) {
            throw IoError(Position{m_shown}, "cannot write: " + errno_text());
        }
    }
    void close()
    {
        bool ok = std::fflush(m_file) == 0 && ::fsync(::fileno(m_file)) == 0;
        int closed = std::fclose(m_file);
        m_file = nullptr;
        if (!ok || closed != 0) {
            throw IoError(Position{m_shown}, "cannot write: " + errno_text());
        }
    }

private:
    std::FILE* m_file = nullptr;
    std::string m_shown;
};

std::string unverified_text(const Report& r)
{
    std::string out = "UNVERIFIED: this package FAILED verification. evpack extracted it only because --force was given.\n"
                      "Nothing in it can be relied on: not the files, not who sent them.\n\n"
                      "Package: "
        + util::terminal_safe(r.package) + "\n\nWhat failed:\n";
    for (const Finding& f : r.findings) {
        if (!f.ok) {
            out += "  ✗ " + util::terminal_safe(f.check) + ": " + util::terminal_safe(f.message) + "\n";
        }
    }
    return out;
}

// The folders of rel below root, made one at a time (0755); each component is checked once more,
// although the reader has refused names that climb out.
std::string make_parents(const std::string& root, const std::string& rel, std::set<std::string>& made, const std::string& shown)
{
    std::vector<std::string> parts = util::path_components(rel);
    std::string path = root;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const std::string& part = parts[i];
        if (part.empty() || part == "." || part == ".." || part.find('\\') != std::string::npos) {
            throw Error(Position{shown}, "entry '" + rel + "' has a name that would leave the folder");
        }
        path += "/" + part;
        if (i + 1 == parts.size() || made.count(path)) {
            continue;
        }
        if (!util::create_folder_in_temporary_folder(path, 0755) || ::chmod(path.c_str(), 0755) != 0) {
            throw IoError(Position{shown}, "cannot create the folder for '" + rel + "': " + errno_text());
        }
        made.insert(path);
    }
    return path;
}

} // namespace

ExtractResult extract(const std::string& package_path, const std::string& out_path, const ExtractOptions& options)
{
    std::string out_dir = out_path;
    while (out_dir.size() > 1 && out_dir.back() == '/') {
        out_dir.pop_back();
    }
    struct stat st{};
    if (::lstat(out_dir.c_str(), &st) == 0) {
        throw UsageError(Position{out_dir}, "already exists: extract writes a new folder");
    }
    ExtractResult result;
    std::map<std::string, Entry> verified;
    result.report = run(package_path, options.verify, &verified);
    const Report& r = result.report;
    if (r.refused || (!r.ok() && !options.force)) {
        return result;
    }
    Staging staging(out_dir);
    std::set<std::string> made;
    if (!r.ok()) {
        NewFile note(staging.path() + "/UNVERIFIED.txt", util::join(out_dir, "UNVERIFIED.txt"));
        std::string text = unverified_text(r);
        note.write(text.data(), text.size());
        note.close();
    }
    std::uint64_t total = 0;
    for (const auto& [rel, e] : verified) {
        total += e.size;
    }
    util::Progress progress("extract", total, util::Progress::Unit::bytes, options.verify.progress);
    package::ArchiveReader reader(package_path);
    std::set<std::string> written;
    auto changed = [&](const std::string& what) {
        return Error(Position{package_path}, what + ": the package changed after it was verified; nothing was extracted");
    };
    while (reader.next()) {
        const std::string& name = reader.name();
        std::string prefix = r.bag_name + "/";
        if (name.rfind(prefix, 0) != 0) {
            throw changed("entry '" + name + "' is outside the bag's folder");
        }
        std::string rel = name.substr(prefix.size());
        auto expected = verified.find(rel);
        if (expected == verified.end() || !written.insert(rel).second) {
            throw changed("entry '" + name + "' was not there when verified");
        }
        std::string shown = util::join(out_dir, rel);
        std::string path = make_parents(staging.path(), rel, made, shown);
        NewFile out(path, shown);
        crypto::Sha256 hash;
        std::uint64_t size = 0;
        reader.read([&](const char* data, std::size_t n) {
            hash.update(data, n);
            out.write(data, n);
            size += n;
            progress.advance(result.bytes + size, rel);
        });
        out.close();
        if (size != expected->second.size || hash.hex_digest() != expected->second.sha256) {
            throw changed("'" + rel + "' differs from the verified one");
        }
        result.bytes += size;
        ++result.files;
    }
    if (written.size() != verified.size()) {
        throw changed("entries are missing");
    }
    progress.finish();
    staging.commit();
    result.extracted = true;
    return result;
}

} // namespace evpack::verify
