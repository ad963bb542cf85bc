#pragma once

#include <optional>
#include <string>

namespace evpack::evidence {

// The Office formats evpack renders to PDF (with LibreOffice, office/). WPS's .wps, .et and .dps
// are the Word, Excel and PowerPoint 97 formats inside and are told by content like them.
enum class OfficeFormat { docx, doc, xlsx, xls, pptx, ppt, odt, ods, odp, rtf };

struct OfficeKind
{
    OfficeFormat format = OfficeFormat::docx;
    // Set when the file is an Office file that cannot be rendered, said so that the clerk knows
    // what to do ("is protected by a password; save it without one"); empty otherwise.
    std::string problem;
    // What to call it when the content does not tell the format (a cut-short OOXML file whose
    // first parts are not the main one); empty: as the format says.
    std::string description;
};

// Tells an Office file by its content: a ZIP's directory (OOXML parts, ODF's mimetype), an OLE2
// compound file's streams (WordDocument, Workbook, PowerPoint Document; EncryptedPackage is a
// password-protected OOXML file), RTF's header. head is the file's first bytes (up to 4 KiB);
// the rest is read from path when needed. nullopt when it is none of these.
std::optional<OfficeKind> detect_office(const std::string& path, const std::string& head);

// "a Word document (.docx)" ...
std::string office_description(OfficeFormat format);
// The extension that names the format ("docx"), for the private copy LibreOffice reads.
const char* office_extension(OfficeFormat format);
// LibreOffice's import filter for the format (its --infilter name).
const char* office_import_filter(OfficeFormat format);

// Whether a file name ends in an Office extension (.docx .doc .xlsx .xls .pptx .ppt .odt .ods
// .odp .rtf .wps .et .dps), case-insensitively: what init picks up and verify expects rendered.
bool is_office_name(const std::string& name);

} // namespace evpack::evidence
