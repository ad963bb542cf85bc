#include "evidence/office_type.hpp"

#include "util/file.hpp"

#include <algorithm>
#include <cstdint>
#include <set>
#include <vector>

namespace evpack::evidence {

namespace {

std::uint32_t le16(const std::string& s, std::size_t at)
{
    return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at]) | static_cast<unsigned char>(s[at + 1]) << 8);
}

std::uint32_t le32(const std::string& s, std::size_t at)
{
    return le16(s, at) | le16(s, at + 2) << 16;
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

// The names in a ZIP's central directory; nullopt when there is no end-of-directory record
// (a truncated file).
std::optional<std::set<std::string>> zip_names(const std::string& path)
{
    std::uint64_t size = util::file_size(path);
    std::uint64_t tail_size = std::min<std::uint64_t>(size, 65557);
    std::string tail = util::read_file(util::FileRange(path, size - tail_size, tail_size));
    if (tail.size() < 22) {
        return std::nullopt;
    }
    std::size_t eocd = tail.rfind(std::string("PK\x05\x06", 4));
    if (eocd == std::string::npos || eocd + 22 > tail.size()) {
        return std::nullopt;
    }
    std::uint64_t cd_size = le32(tail, eocd + 12);
    std::uint64_t cd_offset = le32(tail, eocd + 16);
    // Enough for any Office file's directory; a larger claim is a damaged (or hostile) file.
    if (cd_offset + cd_size > size || cd_size > (16u << 20)) {
        return std::nullopt;
    }
    std::string cd = util::read_file(util::FileRange(path, cd_offset, cd_size));
    std::set<std::string> names;
    for (std::size_t at = 0; at + 46 <= cd.size() && cd.compare(at, 4, "PK\x01\x02", 4) == 0;) {
        std::size_t name_len = le16(cd, at + 28), extra = le16(cd, at + 30), comment = le16(cd, at + 32);
        if (at + 46 + name_len > cd.size()) {
            break;
        }
        names.insert(cd.substr(at + 46, name_len));
        at += 46 + name_len + extra + comment;
    }
    return names;
}

std::optional<OfficeKind> zip_office(const std::string& path, const std::string& head)
{
    // ODF: an uncompressed "mimetype" entry first, its content right after the local header.
    if (head.size() > 38 && head.compare(30, 8, "mimetype") == 0) {
        std::string mime = head.substr(38, 60);
        const std::string odf = "application/vnd.oasis.opendocument.";
        if (starts_with(mime, odf + "text") && !starts_with(mime, odf + "text-")) {
            return OfficeKind{OfficeFormat::odt, "", ""};
        }
        if (starts_with(mime, odf + "spreadsheet") && !starts_with(mime, odf + "spreadsheet-")) {
            return OfficeKind{OfficeFormat::ods, "", ""};
        }
        if (starts_with(mime, odf + "presentation") && !starts_with(mime, odf + "presentation-")) {
            return OfficeKind{OfficeFormat::odp, "", ""};
        }
    }
    auto names = zip_names(path);
    if (!names) {
        // No directory: a truncated file. Say what it was meant to be when its first entries tell.
        const char* damaged = "is damaged: its ZIP directory is missing (the file was cut short, e.g. by a broken "
                              "download or copy); open it in Word or WPS and save it again";
        for (auto [part, format] : {std::pair{"word/", OfficeFormat::docx}, std::pair{"xl/", OfficeFormat::xlsx},
                                    std::pair{"ppt/", OfficeFormat::pptx}}) {
            if (head.find(part) != std::string::npos) {
                return OfficeKind{format, damaged, ""};
            }
        }
        if (head.find("[Content_Types].xml") != std::string::npos) {
            return OfficeKind{OfficeFormat::docx, damaged, "an Office Open XML document (.docx, .xlsx or .pptx)"};
        }
        return std::nullopt;
    }
    if (!names->count("[Content_Types].xml")) {
        return std::nullopt;
    }
    if (names->count("word/document.xml")) {
        return OfficeKind{OfficeFormat::docx, "", ""};
    }
    if (names->count("xl/workbook.xml")) {
        return OfficeKind{OfficeFormat::xlsx, "", ""};
    }
    if (names->count("ppt/presentation.xml")) {
        return OfficeKind{OfficeFormat::pptx, "", ""};
    }
    return std::nullopt;
}

// An OLE2 compound file's directory entries are 128 bytes, aligned, each with a UTF-16LE name,
// its length in bytes (with the terminating zero) at +64 and the object type (2: stream) at
// +66. Looking for entries of that shape finds the streams without following the FAT chains;
// text in a document does not take that shape by chance.
bool has_stream(const std::string& file, const std::string& name)
{
    std::string wide;
    for (char c : name) {
        wide += c;
        wide += '\0';
    }
    for (std::size_t at = 512; at + 128 <= file.size(); at += 128) {
        if (file.compare(at, wide.size(), wide) == 0 && le16(file, at + 64) == wide.size() + 2 && file[at + 66] == 2) {
            return true;
        }
    }
    return false;
}

std::optional<OfficeKind> ole_office(const std::string& path)
{
    // Directory sectors can lie anywhere; Office files of this kind are small enough to read.
    std::uint64_t size = util::file_size(path);
    std::string file = util::read_file(util::FileRange(path, 0, std::min<std::uint64_t>(size, 256u << 20)));
    if (has_stream(file, "EncryptedPackage")) {
        return OfficeKind{OfficeFormat::docx, "is protected by a password: open it, remove the password (File > Info > "
                                              "Protect Document) and save it again", ""};
    }
    if (has_stream(file, "WordDocument")) {
        return OfficeKind{OfficeFormat::doc, "", ""};
    }
    if (has_stream(file, "Workbook") || has_stream(file, "Book")) {
        return OfficeKind{OfficeFormat::xls, "", ""};
    }
    if (has_stream(file, "PowerPoint Document")) {
        return OfficeKind{OfficeFormat::ppt, "", ""};
    }
    return std::nullopt;
}

} // namespace

std::optional<OfficeKind> detect_office(const std::string& path, const std::string& head)
{
    if (starts_with(head, std::string("PK\x03\x04", 4))) {
        return zip_office(path, head);
    }
    if (starts_with(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
        return ole_office(path);
    }
    if (starts_with(head, "{\\rtf")) {
        return OfficeKind{OfficeFormat::rtf, "", ""};
    }
    return std::nullopt;
}

namespace {

struct FormatInfo
{
    OfficeFormat format;
    const char* extension;
    const char* import_filter; // LibreOffice's name
    const char* description;
};

const FormatInfo formats[] = {
    {OfficeFormat::docx, "docx", "MS Word 2007 XML", "a Word document (.docx)"},
    {OfficeFormat::doc, "doc", "MS Word 97", "a Word 97 document (.doc/.wps)"},
    {OfficeFormat::xlsx, "xlsx", "Calc MS Excel 2007 XML", "an Excel workbook (.xlsx)"},
    {OfficeFormat::xls, "xls", "MS Excel 97", "an Excel 97 workbook (.xls/.et)"},
    {OfficeFormat::pptx, "pptx", "Impress MS PowerPoint 2007 XML", "a PowerPoint presentation (.pptx)"},
    {OfficeFormat::ppt, "ppt", "MS PowerPoint 97", "a PowerPoint 97 presentation (.ppt/.dps)"},
    {OfficeFormat::odt, "odt", "writer8", "an OpenDocument text (.odt)"},
    {OfficeFormat::ods, "ods", "calc8", "an OpenDocument spreadsheet (.ods)"},
    {OfficeFormat::odp, "odp", "impress8", "an OpenDocument presentation (.odp)"},
    {OfficeFormat::rtf, "rtf", "Rich Text Format", "an RTF document"},
};

const FormatInfo& info(OfficeFormat format)
{
    for (const FormatInfo& f : formats) {
        if (f.format == format) {
            return f;
        }
    }
    return formats[0];
}

} // namespace

std::string office_description(OfficeFormat format) { return info(format).description; }

const char* office_extension(OfficeFormat format) { return info(format).extension; }

const char* office_import_filter(OfficeFormat format) { return info(format).import_filter; }

bool is_office_name(const std::string& name)
{
    auto dot = name.find_last_of('.');
    if (dot == std::string::npos) {
        return false;
    }
    std::string ext = name.substr(dot + 1);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](char c) {
        return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    });
    static const std::set<std::string> known = {"docx", "doc", "xlsx", "xls", "pptx", "ppt", "odt",
                                                "ods",  "odp", "rtf",  "wps", "et",   "dps"};
    return known.count(ext) > 0;
}

} // namespace evpack::evidence
