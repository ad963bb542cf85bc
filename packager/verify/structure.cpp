#include "verify/checks.hpp"

namespace evpack::verify {

namespace {

// RFC 8493 §2.2.3: "URL LENGTH FILEPATH" lines; the first few, for the finding.
std::string describe_fetch(const std::string& text)
{
    std::vector<std::string> items;
    std::size_t count = 0;
    for (const std::string& line : tag_lines(text)) {
        if (line.find_first_not_of(" \t") == std::string::npos) {
            continue;
        }
        if (++count <= 3) {
            std::vector<std::string> f = split_fields(line, 3); // URL, length, path
            items.push_back("'" + (f.size() == 3 ? f[2] : std::string("?")) + "' from " + f[0]);
        }
    }
    std::string out = std::to_string(count) + (count == 1 ? " file" : " files");
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += (i ? ", " : ": ") + items[i];
    }
    return out + (count > items.size() ? ", ..." : "");
}

} // namespace

void check_structure(const Collected& c, Report& r)
{
    std::size_t before = r.findings.size();
    std::string version;
    auto bagit = c.texts.find("bagit.txt");
    if (bagit == c.texts.end()) {
        r.findings.push_back({"structure", false, "bagit.txt " + why_no_text(c, "bagit.txt") + ": not a BagIt bag"});
    } else if (bagit->second.rfind("\xEF\xBB\xBF", 0) == 0) {
        r.findings.push_back({"structure", false, "bagit.txt begins with a byte-order mark (EF BB BF), which RFC 8493 forbids"});
    } else {
        auto fields = parse_bag_info(bagit->second);
        auto v = fields.find("bagit-version");
        if (v == fields.end()) {
            r.findings.push_back({"structure", false, "bagit.txt has no BagIt-Version line"});
        } else if (v->second != "1.0" && v->second != "0.97") {
            r.findings.push_back({"structure", false, "bagit.txt: BagIt-Version is '" + v->second
                                                          + "'; evpack reads BagIt 1.0 (RFC 8493) and 0.97"});
        } else {
            version = v->second;
        }
        auto enc = fields.find("tag-file-character-encoding");
        if (enc == fields.end()) {
            r.findings.push_back({"structure", false, "bagit.txt has no Tag-File-Character-Encoding line"});
        } else if (ascii_lower(enc->second) != "utf-8") {
            r.findings.push_back({"structure", false, "bagit.txt: Tag-File-Character-Encoding is '" + enc->second
                                                          + "'; evpack reads UTF-8 tag files only"});
        }
    }
    if (auto fetch = c.texts.find("fetch.txt"); fetch != c.texts.end()) {
        r.findings.push_back({"structure", false, "fetch.txt asks for " + describe_fetch(fetch->second)
                                                      + ": an evpack package carries every file itself, and evpack never fetches"});
    } else if (c.entries.count("fetch.txt")) {
        r.findings.push_back({"structure", false, "fetch.txt is present (too large to read): evpack never fetches"});
    }
    std::uint64_t bytes = 0;
    std::size_t files = 0;
    for (const auto& [name, e] : c.entries) {
        if (name.rfind("data/", 0) == 0) {
            bytes += e.size;
            ++files;
        }
    }
    r.payload_bytes = bytes;
    r.payload_files = files;
    std::string oxum = std::to_string(bytes) + "." + std::to_string(files);
    auto info = c.texts.find("bag-info.txt");
    if (info == c.texts.end()) {
        r.findings.push_back({"structure", false, "bag-info.txt " + why_no_text(c, "bag-info.txt")
                                                      + ": evpack's profile requires it, with Payload-Oxum"});
    } else {
        auto fields = parse_bag_info(info->second);
        auto found = fields.find("payload-oxum");
        if (found == fields.end()) {
            r.findings.push_back({"structure", false, "bag-info.txt has no Payload-Oxum: RFC 8493 makes it optional, evpack's profile requires it"});
        } else if (found->second != oxum) {
            r.findings.push_back({"structure", false, "bag-info.txt: Payload-Oxum is " + found->second
                                                          + " but the payload holds " + oxum + " (bytes.files)"});
        }
    }
    if (r.findings.size() == before) {
        r.findings.push_back({"structure", true, "BagIt " + version + " bag '" + r.bag_name + "'; Payload-Oxum " + oxum + " matches"});
    }
}

} // namespace evpack::verify
