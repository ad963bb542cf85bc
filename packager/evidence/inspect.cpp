#include "evidence/inspect.hpp"

#include "crypto/sha256.hpp"
#include "util/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

namespace evpack::evidence {

FileFacts inspect_file(const std::string& path)
{
    FileFacts facts;
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) {
        throw IoError(Position{path}, std::string("cannot open: ") + std::strerror(errno));
    }
    crypto::Sha256 hash;
    std::vector<char> buf(1 << 20);
    std::string head;
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) {
        if (head.size() < 4096) {
            head.append(buf.data(), std::min<std::size_t>(n, 4096 - head.size()));
        }
        hash.update(buf.data(), n);
        facts.size += n;
    }
    bool failed = std::ferror(f) != 0;
    int saved = errno;
    std::fclose(f);
    if (failed) {
        throw IoError(Position{path}, std::string("cannot read: ") + std::strerror(saved));
    }
    facts.sha256 = hash.hex_digest();
    facts.type = detect_type(head);
    if (facts.type.type == FileType::jpeg || facts.type.type == FileType::png || facts.type.type == FileType::tiff) {
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
        facts.error_message = "is " + facts.type.name + "; evidence must be PDF, JPEG, PNG or TIFF";
    }
    return facts;
}

} // namespace evpack::evidence
