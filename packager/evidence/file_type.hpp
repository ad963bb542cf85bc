#pragma once

#include <string>

namespace evpack::evidence {

// office: a Word, Excel, PowerPoint, OpenDocument or RTF file, bound through its PDF rendering.
// heif, webp, gif, bmp: photos decoded by photo/ and bound as images.
enum class FileType { pdf, jpeg, png, tiff, heif, webp, gif, bmp, office, other };

// A photo that photo/ decodes (HEIF, WebP, GIF, BMP).
inline bool is_photo(FileType t) { return t == FileType::heif || t == FileType::webp || t == FileType::gif || t == FileType::bmp; }

// Detects a file's type from its first bytes, never from its name. For `other`, `name`
// says what it looks like ("a GIF image", "a ZIP archive (e.g. .docx)", "text", ...).
struct DetectedType
{
    FileType type = FileType::other;
    std::string name;
};

DetectedType detect_type(const std::string& head);

const char* type_label(FileType type); // "PDF", "JPEG", "PNG", "TIFF", "HEIF", "WebP", "GIF", "BMP", "Office", "other"

} // namespace evpack::evidence
