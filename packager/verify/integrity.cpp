#include "verify/checks.hpp"

#include "crypto/sha256.hpp"
#include "package/bag.hpp"

namespace evpack::verify {

namespace {

// "<checksum> <path>" lines (RFC 8493 §2.1.3: spaces or tabs between, hex in either case,
// % CR LF in paths percent-encoded); returns path -> lowercase checksum, reporting malformed
// lines. hex_length 0: any length.
std::map<std::string, std::string> parse_manifest(const std::string& text, const std::string& file, std::size_t hex_length,
                                                  std::vector<Finding>& findings)
{
    std::map<std::string, std::string> out;
    int n = 0;
    for (const std::string& line : tag_lines(text)) {
        ++n;
        if (line.find_first_not_of(" \t") == std::string::npos) {
            continue;
        }
        std::vector<std::string> f = split_fields(line, 2);
        if (f.size() != 2 || f[0].empty() || (hex_length && f[0].size() != hex_length)
            || f[0].find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
            findings.push_back({"integrity", false, file + ":" + std::to_string(n) + ": not a '<checksum> <path>' line"
                                    + (hex_length ? " (" + std::to_string(hex_length) + " hex digits, then the path)" : "")});
            continue;
        }
        std::string path = package::decode_manifest_path(f[1]);
        if (!out.emplace(path, ascii_lower(f[0])).second) {
            findings.push_back({"integrity", false, file + ":" + std::to_string(n) + ": '" + path + "' is listed twice"});
        }
    }
    return out;
}

// "sha512" for "manifest-sha512.txt" with prefix "manifest-"; empty when the name is not one.
std::string manifest_algorithm(const std::string& name, const std::string& prefix)
{
    const std::string suffix = ".txt";
    if (name.size() <= prefix.size() + suffix.size() || name.rfind(prefix, 0) != 0
        || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) {
        return "";
    }
    std::string alg = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
    return alg.find('/') == std::string::npos ? alg : "";
}

bool is_tag_manifest(const std::string& name) { return !manifest_algorithm(name, "tagmanifest-").empty(); }

std::size_t hex_length(const std::string& algorithm)
{
    auto empty = crypto::digest_hex(algorithm, "");
    return empty ? empty->size() : 0;
}

// A manifest of another algorithm than SHA-256. A payload manifest must list every payload file
// (RFC 8493 §3); its checksums are not recomputed, as evpack's profile rests on SHA-256 alone.
// A tag manifest's are (tag files are small, and kept), when OpenSSL knows the algorithm.
std::string check_other_manifest(const Collected& c, Report& r, const std::string& name, const std::string& alg, bool tag)
{
    auto text = c.texts.find(name);
    if (text == c.texts.end()) {
        r.findings.push_back({"integrity", false, name + " " + why_no_text(c, name)});
        return "";
    }
    std::size_t digits = hex_length(alg);
    auto listed = parse_manifest(text->second, name, digits, r.findings);
    if (!tag) {
        for (const auto& [path, e] : c.entries) {
            if (path.rfind("data/", 0) == 0 && !listed.count(path)) {
                r.findings.push_back({"integrity", false, path + ": not listed in " + name + " (every payload manifest lists every payload file)"});
            }
        }
        for (const auto& [path, hash] : listed) {
            if (!c.entries.count(path) || path.rfind("data/", 0) != 0) {
                r.findings.push_back({"integrity", false, name + " lists '" + path + "', which is not in the payload"});
            }
        }
        return name + " lists the same files (its " + alg + " checksums not recomputed: evpack's profile rests on SHA-256)";
    }
    for (const auto& [path, hash] : listed) {
        auto tag_text = c.texts.find(path);
        if (!c.entries.count(path)) {
            r.findings.push_back({"integrity", false, path + ": missing (listed in " + name + ")"});
        } else if (!digits) {
            // an algorithm OpenSSL does not know: said in the summary
        } else if (tag_text == c.texts.end()) {
            r.findings.push_back({"integrity", false, path + ": " + why_no_text(c, path) + " to check against " + name});
        } else if (crypto::digest_hex(alg, tag_text->second) != hash) {
            r.findings.push_back({"integrity", false, path + ": " + alg + " does not match " + name + " (changed)"});
        }
    }
    return digits ? name + " checked too" : name + " not checked (evpack does not know '" + alg + "')";
}

} // namespace

void check_integrity(const Collected& c, Report& r)
{
    std::size_t before = r.findings.size();
    auto others = [&](const std::string& prefix) {
        std::string names;
        for (const auto& [path, e] : c.entries) {
            if (!manifest_algorithm(path, prefix).empty() && manifest_algorithm(path, prefix) != "sha256") {
                names += (names.empty() ? " (the bag has " : ", ") + path;
            }
        }
        return names.empty() ? names : names + ")";
    };
    auto manifest_text = c.texts.find("manifest-sha256.txt");
    std::map<std::string, std::string> listed;
    if (manifest_text == c.texts.end()) {
        r.findings.push_back({"integrity", false, "manifest-sha256.txt " + why_no_text(c, "manifest-sha256.txt")
                                                      + ": evpack's profile requires SHA-256 manifests" + others("manifest-")});
    } else {
        listed = parse_manifest(manifest_text->second, "manifest-sha256.txt", 64, r.findings);
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
        r.findings.push_back({"integrity", false, "tagmanifest-sha256.txt " + why_no_text(c, "tagmanifest-sha256.txt")
                                                      + ": evpack's profile requires it (the signature covers it)" + others("tagmanifest-")});
    } else {
        tags = parse_manifest(tag_text->second, "tagmanifest-sha256.txt", 64, r.findings);
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
        if (tag_text != c.texts.end() && c.entries.count(required) && !tags.count(required)) {
            r.findings.push_back({"integrity", false, std::string(required) + " is not covered by tagmanifest-sha256.txt"});
        }
    }
    for (const auto& [path, e] : c.entries) {
        bool is_payload = path.rfind("data/", 0) == 0;
        // No tag manifest lists a tag manifest (RFC 8493 §2.2.1), and the signature cannot list itself.
        // Without a manifest, its absence is the one finding, not every file it would list.
        if (is_payload && manifest_text != c.texts.end() && !listed.count(path)) {
            r.findings.push_back({"integrity", false, path + ": present but not listed in manifest-sha256.txt (added)"});
        } else if (!is_payload && tag_text != c.texts.end() && !is_tag_manifest(path) && path != "signature.p7s"
                   && !tags.count(path)) {
            r.findings.push_back({"integrity", false, path + ": present but not listed in tagmanifest-sha256.txt (added)"});
        }
    }
    std::string also;
    for (const auto& [path, e] : c.entries) {
        for (bool tag : {false, true}) {
            std::string alg = manifest_algorithm(path, tag ? "tagmanifest-" : "manifest-");
            if (!alg.empty() && alg != "sha256") {
                std::string note = check_other_manifest(c, r, path, alg, tag);
                also += note.empty() ? "" : "; " + note;
            }
        }
    }
    if (r.findings.size() == before) {
        r.findings.push_back({"integrity", true, std::to_string(listed.size()) + " payload files and " + std::to_string(tags.size())
                                                     + " tag files match their SHA-256; nothing missing, nothing added" + also});
    }
}

} // namespace evpack::verify
