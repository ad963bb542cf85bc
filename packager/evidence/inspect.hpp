#pragma once

#include "evidence/file_type.hpp"
#include "evidence/image.hpp"
#include "evidence/office_type.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace evpack::evidence {

// Type, size, SHA-256 and (for images) header facts of one evidence file.
struct FileFacts
{
    DetectedType type;
    std::uint64_t size = 0;
    std::string sha256;        // when hashed
    bool read = false;         // the file could be opened and read
    ImageInfo image;           // images only
    std::optional<OfficeKind> office; // Office files only
    std::string error_code;    // set when the file cannot be bound
    std::string error_message;
};

// Detects the file's type from its first bytes, then checks image headers; with hash, reads the
// whole file once to hash it as well. PDF structure is the pdf module's business. Throws IoError
// when the file cannot be read at all.
FileFacts inspect_file(const std::string& path, bool hash);

} // namespace evpack::evidence
