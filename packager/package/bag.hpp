#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace evpack::package {

enum class Format { zip, tar };

// A payload file: written under data/<name>, from a file on disk or from memory.
struct PayloadFile
{
    std::string name;            // relative to data/, '/'-separated, NFC
    std::string source_path;     // read from here when content is empty
    std::optional<std::string> content;
    std::string expected_sha256; // when set, a different hash means the file changed meanwhile
    // expected_sha256 was computed by the caller from these very bytes, which nothing else
    // writes (build's signed appendix: signing hashed it): taken as it is, not hashed again.
    bool hashed = false;
};

struct BagOptions
{
    std::string bag_name;  // the archive's one top folder
    Format format = Format::zip;
    std::int64_t mtime = 0; // every entry's timestamp
    std::vector<std::pair<std::string, std::string>> info; // bag-info.txt fields, in order
    // Signs tagmanifest-sha256.txt; returns the DER signature, or nullopt for an unsigned bag.
    std::function<std::optional<std::string>(const std::string&)> sign;
    // Called as the payload is written: bytes read so far, the file being read.
    std::function<void(std::uint64_t, const std::string&)> progress;
};

struct BagResult
{
    std::uint64_t payload_bytes = 0;
    std::size_t payload_files = 0;
    bool signed_bag = false;
};

// Writes a BagIt 1.0 bag (RFC 8493) as one archive to an open file: the payload first (each file
// read once, hashed while it is written), then bagit.txt, bag-info.txt (with Payload-Oxum),
// manifest-sha256.txt, tagmanifest-sha256.txt and signature.p7s. Entries carry UTF-8 names,
// the fixed mtime and a fixed order; already-compressed files are stored, text is deflated.
// Throws Error/IoError naming the file that failed.
BagResult write_bag(std::FILE* out, const std::string& out_name, const std::vector<PayloadFile>& files,
                    const BagOptions& options);

// RFC 8493 §2.1.3: CR, LF and % in a manifest path are percent-encoded.
std::string encode_manifest_path(const std::string& path);
std::string decode_manifest_path(const std::string& path);

} // namespace evpack::package
