#include "verify/checks.hpp"

#include "package/bag.hpp"

#include <sstream>

namespace evpack::verify {

namespace {

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

} // namespace

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

} // namespace evpack::verify
