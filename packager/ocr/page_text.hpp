#pragma once

// What OCR read on a scanned page, as the appendix's text layer needs it: runs of text and where
// each sits. Plain data (no Tesseract): pdf/ draws it, the cache stores it.

#include <optional>
#include <string>
#include <vector>

namespace evpack::ocr {

// A run of text on one line (a Latin word, or Chinese characters with no space between them)
// and its box as fractions of the page as shown (upright), origin at the top left: the same
// numbers whatever the resolution it was read at or the size it is placed at.
struct TextRun
{
    double x = 0, y = 0, w = 0, h = 0;
    std::string text; // UTF-8
};

struct PageText
{
    std::vector<TextRun> runs; // in reading order
};

// Tesseract's text as a reader searches it: no trailing newline (nor any control character), one
// space between words, and no space between two Chinese characters (or full-width
// punctuation), where Chinese has none but Tesseract puts one.
std::string searchable_line(const std::string& tesseract_line);

// True when b follows a with no space: a ends and b starts with a Chinese character (or
// full-width punctuation).
bool joins(const std::string& a, const std::string& b);

// The cache's form of a page's result; nullopt from parse when the text is not such a record.
// has_text: the page had text of its own and was not read (recorded so that a rebuild need not
// open the PDF again).
struct CachedPage
{
    bool has_text = false;
    PageText text;
};
std::string serialize(const CachedPage& page);
std::optional<CachedPage> parse(const std::string& record);

} // namespace evpack::ocr
