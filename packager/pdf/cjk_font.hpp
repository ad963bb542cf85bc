#pragma once

#include <string>

namespace evpack::pdf {

// The TrueType file (or collection) used for generated pages: EVPACK_FONT when set, otherwise the
// first installed of WenQuanYi Micro Hei / Zen Hei (fonts-wqy-microhei). It must have CJK,
// Latin and digit glyphs. Throws UsageError naming the package to install when none is found.
std::string find_cjk_font();

// PoDoFo cannot subset a TrueType collection (.ttc): this cuts face 0 out as a plain .ttf.
// Throws Error when the data is not a well-formed collection or font.
std::string extract_ttc_face(const std::string& ttc, unsigned face = 0);

// A file PoDoFo can subset the CJK font from: the font itself, or (a .ttc) its first face cut
// out into a temporary file, removed again by the destructor or on Ctrl-C.
class FontFile
{
public:
    FontFile();
    ~FontFile();
    FontFile(const FontFile&) = delete;
    FontFile& operator=(const FontFile&) = delete;
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
    bool m_temporary = false;
};

} // namespace evpack::pdf
