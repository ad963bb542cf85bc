#include "verify/checks.hpp"

#include <sstream>

namespace evpack::verify {

std::map<std::string, std::string> parse_bag_info(const std::string& text)
{
    std::map<std::string, std::string> out;
    std::istringstream in(text);
    std::string line, last;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !last.empty()) {
            out[last] += " " + line.substr(line.find_first_not_of(" \t"));
            continue;
        }
        auto colon = line.find(':');
        if (colon == std::string::npos) {
            continue;
        }
        last = line.substr(0, colon);
        std::size_t v = line.find_first_not_of(' ', colon + 1);
        out[last] = v == std::string::npos ? "" : line.substr(v);
    }
    return out;
}

void check_structure(const Collected& c, Report& r)
{
    std::size_t before = r.findings.size();
    auto bagit = c.texts.find("bagit.txt");
    if (bagit == c.texts.end()) {
        r.findings.push_back({"structure", false, "bagit.txt is missing: not a BagIt bag"});
    } else {
        auto fields = parse_bag_info(bagit->second);
        if (fields["BagIt-Version"] != "1.0" && fields["BagIt-Version"] != "0.97") {
            r.findings.push_back({"structure", false, "bagit.txt: BagIt-Version is '" + fields["BagIt-Version"] + "', not 1.0"});
        }
        if (fields["Tag-File-Character-Encoding"] != "UTF-8") {
            r.findings.push_back({"structure", false, "bagit.txt: Tag-File-Character-Encoding must be UTF-8"});
        }
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
        r.findings.push_back({"structure", false, "bag-info.txt is missing"});
    } else {
        auto fields = parse_bag_info(info->second);
        if (fields.count("Payload-Oxum") == 0) {
            r.findings.push_back({"structure", false, "bag-info.txt has no Payload-Oxum"});
        } else if (fields["Payload-Oxum"] != oxum) {
            r.findings.push_back({"structure", false, "bag-info.txt: Payload-Oxum is " + fields["Payload-Oxum"]
                                                          + " but the payload holds " + oxum + " (bytes.files)"});
        }
    }
    if (r.findings.size() == before) {
        r.findings.push_back({"structure", true, "BagIt 1.0 bag '" + r.bag_name + "'; Payload-Oxum " + oxum + " matches"});
    }
}

} // namespace evpack::verify
