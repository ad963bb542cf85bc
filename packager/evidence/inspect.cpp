#include "evidence/inspect.hpp"

#include "crypto/sha256.hpp"
#include "util/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sys/stat.h>
#include <vector>

namespace evpack::evidence {

FileFacts inspect_file(const std::string& path, bool hash)
{
    FileFacts facts;
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) {
        throw IoError(Position{path}, std::string("cannot open: ") + std::strerror(errno));
    }
    crypto::Sha256 sha;
    std::vector<char> buf(hash ? 1 << 20 : 4096);
    std::string head;
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) {
        if (head.size() < 4096) {
            head.append(buf.data(), std::min<std::size_t>(n, 4096 - head.size()));
        }
        facts.size += n;
        if (!hash) {
            break;
        }
        sha.update(buf.data(), n);
    }
    bool failed = std::ferror(f) != 0;
    int saved = errno;
    struct stat st {};
    if (!failed && !hash) {
        failed = ::fstat(::fileno(f), &st) != 0;
        saved = errno;
        facts.size = static_cast<std::uint64_t>(st.st_size);
    }
    std::fclose(f);
    if (failed) {
        throw IoError(Position{path}, std::string("cannot read: ") + std::strerror(saved));
    }
    if (hash) {
        facts.sha256 = sha.hex_digest();
    }
    facts.read = true;
    facts.type = detect_type(head);
    if (facts.type.type == FileType::other) {
        if (auto office = detect_office(path, head)) {
            facts.type = {FileType::office,
                          office->description.empty() ? office_description(office->format) : office->description};
            facts.office = office;
            if (!office->problem.empty()) {
                facts.error_code = "office-unreadable";
                facts.error_message = "is " + facts.type.name + " but " + office->problem;
            }
            return facts;
        }
    }
    if (facts.type.type == FileType::jpeg || facts.type.type == FileType::png || facts.type.type == FileType::tiff
        || is_photo(facts.type.type)) {
        try {
            facts.image = inspect_image(path, facts.type.type);
        } catch (const IoError&) {
            throw;
        } catch (const Error& e) {
            facts.error_code = "image-invalid";
            facts.error_message = e.message();
        }
    } else if (facts.type.type == FileType::other) {
        facts.error_code = "file-type";
        facts.error_message = "is " + facts.type.name + "; evidence must be PDF, an image (JPEG, PNG, TIFF, HEIC, WebP, GIF, BMP) or an Office document (Word, Excel, PowerPoint, OpenDocument, RTF)";
    }
    return facts;
}

} // namespace evpack::evidence
