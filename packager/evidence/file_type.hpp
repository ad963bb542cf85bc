#pragma once

#include <string>

namespace evpack::evidence {

// office: a Word, Excel, PowerPoint, OpenDocument or RTF file, bound through its PDF rendering.
enum class FileType { pdf, jpeg, png, tiff, office, other };

// Detects a file's type from its first bytes, never from its name. For `other`, `name`
// says what it looks like ("a GIF image", "a ZIP archive (e.g. .docx)", "text", ...).
struct DetectedType
{
    FileType type = FileType::other;
    std::string name;
};

DetectedType detect_type(const std::string& head);

const char* type_label(FileType type); // "PDF", "JPEG", "PNG", "TIFF", "Office", "other"

} // namespace evpack::evidence
