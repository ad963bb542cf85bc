#include "package/bag.hpp"

#include "package/utf8_locale.hpp"

#include "crypto/sha256.hpp"
#include "util/error.hpp"

#include <algorithm>
#include <archive.h>
#include <archive_entry.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace evpack::package {

std::string encode_manifest_path(const std::string& path)
{
    std::string out;
    for (char c : path) {
        if (c == '%') {
            out += "%25";
        } else if (c == '\n') {
            out += "%0A";
        } else if (c == '\r') {
            out += "%0D";
        } else {
            out += c;
        }
    }
    return out;
}

std::string decode_manifest_path(const std::string& path)
{
    std::string out;
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (path[i] == '%' && i + 2 < path.size()) {
            std::string code = path.substr(i + 1, 2);
            if (code == "25" || code == "0A" || code == "0a" || code == "0D" || code == "0d") {
                out += code == "25" ? '%' : (code[1] == 'A' || code[1] == 'a') ? '\n' : '\r';
                i += 2;
                continue;
            }
        }
        out += path[i];
    }
    return out;
}

namespace {

struct ArchiveDeleter
{
    void operator()(archive* a) const { archive_write_free(a); }
};
struct EntryDeleter
{
    void operator()(archive_entry* e) const { archive_entry_free(e); }
};

// PDF, JPEG, PNG and TIFF scans are compressed already: deflating them again costs time for
// nothing. Text (manifests, tag files) is deflated.
bool worth_compressing(const std::string& name)
{
    auto dot = name.find_last_of('.');
    std::string ext = dot == std::string::npos ? "" : name.substr(dot + 1);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext == "txt" || ext == "toml";
}

class Writer
{
public:
    Writer(std::FILE* out, std::string out_name, const BagOptions& options) : m_name(std::move(out_name)), m_options(options)
    {
        m_archive.reset(archive_write_new());
        int r = options.format == Format::zip ? archive_write_set_format_zip(m_archive.get())
                                              : archive_write_set_format_pax_restricted(m_archive.get());
        check(r, "cannot set the archive format");
        if (options.format == Format::zip) {
            check(archive_write_set_format_option(m_archive.get(), "zip", "hdrcharset", "UTF-8"), "zip option");
            // No tar-style padding after the end record: a zip ends where its directory ends.
            check(archive_write_set_bytes_in_last_block(m_archive.get(), 1), "zip blocking");
        }
        check(archive_write_open_FILE(m_archive.get(), out), "cannot open the archive for writing");
    }

    // Adds one entry; data comes from read(buf, max) until it returns 0. Returns SHA-256 (unless
    // known, then "") and size.
    std::pair<std::string, std::uint64_t> add(const std::string& name, std::uint64_t size,
                                              const std::function<std::size_t(char*, std::size_t)>& read, bool known = false)
    {
        if (m_options.format == Format::zip) {
            check(worth_compressing(name) ? archive_write_zip_set_compression_deflate(m_archive.get())
                                          : archive_write_zip_set_compression_store(m_archive.get()),
                  "zip compression");
        }
        std::unique_ptr<archive_entry, EntryDeleter> entry(archive_entry_new());
        archive_entry_set_pathname_utf8(entry.get(), (m_options.bag_name + "/" + name).c_str());
        archive_entry_set_filetype(entry.get(), AE_IFREG);
        archive_entry_set_perm(entry.get(), 0644);
        archive_entry_set_size(entry.get(), static_cast<la_int64_t>(size));
        archive_entry_set_mtime(entry.get(), static_cast<time_t>(m_options.mtime), 0);
        archive_entry_set_uid(entry.get(), 0);
        archive_entry_set_gid(entry.get(), 0);
        check(archive_write_header(m_archive.get(), entry.get()), "cannot add " + name);
        crypto::Sha256 hash;
        std::vector<char> buf(1 << 20);
        std::uint64_t total = 0;
        std::size_t n;
        while ((n = read(buf.data(), buf.size())) > 0) {
            if (!known) {
                hash.update(buf.data(), n);
            }
            if (archive_write_data(m_archive.get(), buf.data(), n) < 0) {
                check(ARCHIVE_FATAL, "cannot write " + name);
            }
            total += n;
        }
        if (total != size) {
            throw Error(Position{name}, "changed size while it was being packaged");
        }
        check(archive_write_finish_entry(m_archive.get()), "cannot write " + name);
        return {known ? "" : hash.hex_digest(), total};
    }

    std::string add_text(const std::string& name, const std::string& text)
    {
        std::size_t at = 0;
        return add(name, text.size(), [&](char* buf, std::size_t max) {
                   std::size_t n = std::min(max, text.size() - at);
                   std::memcpy(buf, text.data() + at, n);
                   at += n;
                   return n;
               }).first;
    }

    void close() { check(archive_write_close(m_archive.get()), "cannot finish the archive"); }

private:
    void check(int r, const std::string& what)
    {
        if (r < ARCHIVE_WARN) {
            const char* why = archive_error_string(m_archive.get());
            int code = archive_errno(m_archive.get());
            // libarchive says only "Write error"; the system's reason (disk full) is in errno.
            std::string reason = why ? std::string(": ") + why : std::string();
            if (code > 0) {
                reason += std::string(" (") + std::strerror(code) + ")";
            }
            throw IoError(Position{m_name}, what + reason);
        }
    }

    std::unique_ptr<archive, ArchiveDeleter> m_archive;
    std::string m_name;
    const BagOptions& m_options;
};

} // namespace

BagResult write_bag(std::FILE* out, const std::string& out_name, const std::vector<PayloadFile>& files,
                    const BagOptions& options)
{
    Utf8Locale utf8;
    Writer writer(out, out_name, options);
    BagResult result;
    std::vector<std::pair<std::string, std::string>> manifest; // path, sha256
    std::uint64_t done = 0; // payload bytes read
    for (const PayloadFile& f : files) {
        std::string name = "data/" + f.name;
        std::pair<std::string, std::uint64_t> written;
        if (f.content) {
            written = {writer.add_text(name, *f.content), f.content->size()};
        } else {
            std::unique_ptr<std::FILE, int (*)(std::FILE*)> in(std::fopen(f.source_path.c_str(), "rb"), std::fclose);
            if (!in) {
                throw IoError(Position{f.source_path}, std::string("cannot open: ") + std::strerror(errno));
            }
            std::fseek(in.get(), 0, SEEK_END);
            long size = std::ftell(in.get());
            std::fseek(in.get(), 0, SEEK_SET);
            written = writer.add(name, static_cast<std::uint64_t>(size), [&](char* buf, std::size_t max) {
                std::size_t n = std::fread(buf, 1, max, in.get());
                if (n == 0 && std::ferror(in.get())) {
                    throw IoError(Position{f.source_path}, std::string("cannot read: ") + std::strerror(errno));
                }
                done += n;
                if (options.progress) {
                    options.progress(done, f.name);
                }
                return n;
            }, f.hashed);
            if (f.hashed) {
                written.first = f.expected_sha256;
            }
        }
        if (f.content) {
            done += f.content->size();
        }
        if (!f.expected_sha256.empty() && written.first != f.expected_sha256) {
            throw Error(Position{f.source_path}, "changed after it was checked and bound; run evpack build again");
        }
        manifest.emplace_back(name, written.first);
        result.payload_bytes += written.second;
        ++result.payload_files;
    }
    std::sort(manifest.begin(), manifest.end());
    std::string manifest_text;
    for (const auto& [path, sha] : manifest) {
        manifest_text += sha + "  " + encode_manifest_path(path) + "\n";
    }
    std::string bagit = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";
    std::string info;
    for (const auto& [key, value] : options.info) {
        std::string v = value;
        std::replace(v.begin(), v.end(), '\n', ' ');
        std::replace(v.begin(), v.end(), '\r', ' ');
        info += key + ": " + v + "\n";
        if (key == "Bagging-Date") {
            info += "Payload-Oxum: " + std::to_string(result.payload_bytes) + "." + std::to_string(result.payload_files) + "\n";
        }
    }
    std::string tags;
    tags += writer.add_text("bagit.txt", bagit) + "  bagit.txt\n";
    tags += writer.add_text("bag-info.txt", info) + "  bag-info.txt\n";
    tags += writer.add_text("manifest-sha256.txt", manifest_text) + "  manifest-sha256.txt\n";
    writer.add_text("tagmanifest-sha256.txt", tags);
    if (options.sign) {
        if (auto signature = options.sign(tags)) {
            writer.add_text("signature.p7s", *signature);
            result.signed_bag = true;
        }
    }
    writer.close();
    return result;
}

} // namespace evpack::package
