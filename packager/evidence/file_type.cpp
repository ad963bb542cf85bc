#include "evidence/file_type.hpp"

#include <algorithm>

namespace evpack::evidence {

namespace {

bool starts_with(const std::string& s, const char* prefix, std::size_t n) { return s.size() >= n && s.compare(0, n, prefix, n) == 0; }

} // namespace

DetectedType detect_type(const std::string& head)
{
    // PDF readers accept the header anywhere in the first 1024 bytes.
    if (head.substr(0, 1024).find("%PDF-") != std::string::npos) {
        return {FileType::pdf, "a PDF document"};
    }
    if (starts_with(head, "\xFF\xD8\xFF", 3)) {
        return {FileType::jpeg, "a JPEG image"};
    }
    if (starts_with(head, "\x89PNG\r\n\x1A\n", 8)) {
        return {FileType::png, "a PNG image"};
    }
    if (starts_with(head, "II*\0", 4) || starts_with(head, "MM\0*", 4)) {
        return {FileType::tiff, "a TIFF image"};
    }
    if (starts_with(head, "II+\0", 4) || starts_with(head, "MM\0+", 4)) {
        return {FileType::other, "a BigTIFF image"};
    }
    if (starts_with(head, "GIF87a", 6) || starts_with(head, "GIF89a", 6)) {
        return {FileType::gif, "a GIF image"};
    }
    // "BM", then a header size BMP readers know (12: OS/2; 40 to 124: Windows).
    if (starts_with(head, "BM", 2) && head.size() >= 18 && (head[14] == 12 || head[14] == 40 || head[14] == 52 || head[14] == 56
                                                            || head[14] == 108 || head[14] == 124)
        && head.compare(15, 3, std::string(3, '\0')) == 0) {
        return {FileType::bmp, "a BMP image"};
    }
    if (starts_with(head, "RIFF", 4) && head.size() >= 12 && head.compare(8, 4, "WEBP") == 0) {
        return {FileType::webp, "a WebP image"};
    }
    if (head.size() >= 12 && head.compare(4, 4, "ftyp") == 0) {
        std::string brand = head.substr(8, 4);
        if (brand == "heic" || brand == "heix" || brand == "heim" || brand == "heis" || brand == "mif1" || brand == "msf1") {
            return {FileType::heif, "a HEIF image"};
        }
        if (brand == "avif" || brand == "avis") {
            return {FileType::other, "an AVIF image"};
        }
        return {FileType::other, "an MP4/QuickTime file"};
    }
    if (starts_with(head, "PK\x03\x04", 4)) {
        if (head.find("word/") != std::string::npos) {
            return {FileType::other, "a Word document (.docx)"};
        }
        if (head.find("xl/") != std::string::npos) {
            return {FileType::other, "an Excel workbook (.xlsx)"};
        }
        return {FileType::other, "a ZIP archive"};
    }
    if (starts_with(head, "\xD0\xCF\x11\xE0", 4)) {
        return {FileType::other, "an old Office document (.doc/.xls)"};
    }
    if (starts_with(head, "{\\rtf", 5)) {
        return {FileType::other, "an RTF document"};
    }
    if (starts_with(head, "Rar!", 4)) {
        return {FileType::other, "a RAR archive"};
    }
    if (starts_with(head, "7z\xBC\xAF", 4)) {
        return {FileType::other, "a 7-Zip archive"};
    }
    if (starts_with(head, "\x1F\x8B", 2)) {
        return {FileType::other, "a gzip file"};
    }
    if (head.empty()) {
        return {FileType::other, "an empty file"};
    }
    bool text = std::all_of(head.begin(), head.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return u >= 0x20 || c == '\n' || c == '\r' || c == '\t';
    });
    return {FileType::other, text ? "a text file" : "an unrecognised binary file"};
}

const char* type_label(FileType type)
{
    switch (type) {
    case FileType::pdf:
        return "PDF";
    case FileType::jpeg:
        return "JPEG";
    case FileType::png:
        return "PNG";
    case FileType::tiff:
        return "TIFF";
    case FileType::heif:
        return "HEIF";
    case FileType::webp:
        return "WebP";
    case FileType::gif:
        return "GIF";
    case FileType::bmp:
        return "BMP";
    case FileType::office:
        return "Office";
    case FileType::other:
        break;
    }
    return "other";
}

} // namespace evpack::evidence
