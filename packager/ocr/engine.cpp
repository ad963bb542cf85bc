#include "ocr/engine.hpp"

#include "util/error.hpp"

#include <algorithm>
#include <cstdlib>
#include <leptonica/allheaders.h>
#include <mutex>
#include <sys/stat.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>
#include <vector>

namespace evpack::ocr {

namespace {

std::vector<std::string> split_languages(const std::string& languages)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= languages.size()) {
        std::size_t plus = languages.find('+', start);
        std::string lang = languages.substr(start, plus == std::string::npos ? std::string::npos : plus - start);
        if (!lang.empty()) {
            out.push_back(lang);
        }
        if (plus == std::string::npos) {
            break;
        }
        start = plus + 1;
    }
    return out;
}

std::string debian_package(const std::string& lang)
{
    std::string pkg = "tesseract-ocr-";
    for (char c : lang) {
        pkg += c == '_' ? '-' : c;
    }
    return pkg;
}

// Lines read with less confidence than this (0-100) are mostly noise: the texture of a photo,
// a stamp's ring, a signature.
constexpr float min_confidence = 30;

// A line's words as runs: words with no space between them (Chinese, where Tesseract's words are
// a character or a few) make one run, so that a reader's search finds them as one string; a
// space (between Latin words, or Latin and Chinese) starts a new run, placed at its own word's
// box. Boxes become fractions of the page.
template <typename Word>
std::vector<TextRun> runs_of(const std::vector<Word>& words, int width, int height)
{
    std::vector<TextRun> runs;
    int left = 0, top = 0, right = 0, bottom = 0;
    std::string text;
    auto emit = [&] {
        if (!text.empty()) {
            double w = width, h = height;
            runs.push_back({left / w, top / h, (right - left) / w, (bottom - top) / h, text});
        }
        text.clear();
    };
    for (const Word& word : words) {
        if (text.empty() || !joins(text, word.text)) {
            emit();
            left = word.left, top = word.top, right = word.right, bottom = word.bottom;
        } else {
            left = std::min(left, word.left), top = std::min(top, word.top);
            right = std::max(right, word.right), bottom = std::max(bottom, word.bottom);
        }
        text += word.text;
    }
    emit();
    return runs;
}

} // namespace

std::string tessdata_folder()
{
    if (const char* set = std::getenv("TESSDATA_PREFIX"); set && *set) {
        std::string dir = set;
        while (dir.size() > 1 && dir.back() == '/') {
            dir.pop_back();
        }
        return dir;
    }
    return "/usr/share/tesseract-ocr/5/tessdata";
}

void check_languages(const std::string& languages)
{
    std::string dir = tessdata_folder();
    std::string missing;
    for (const std::string& lang : split_languages(languages)) {
        struct stat st{};
        if (::stat((dir + "/" + lang + ".traineddata").c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
            missing += (missing.empty() ? "" : " ") + debian_package(lang);
        }
    }
    if (!missing.empty()) {
        throw UsageError(Position{dir}, "--ocr needs Tesseract's language data for " + languages
                                            + ", which is not here: apt-get install " + missing);
    }
    if (glyphless_font_path().empty()) {
        throw UsageError(Position{dir + "/pdf.ttf"},
                         "--ocr needs Tesseract's glyphless font, which is not here: apt-get install --reinstall libtesseract5");
    }
}

std::string glyphless_font_path()
{
    for (const std::string& dir : {tessdata_folder(), std::string("/usr/share/tesseract-ocr/5/tessdata")}) {
        struct stat st{};
        if (::stat((dir + "/pdf.ttf").c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
            return dir + "/pdf.ttf";
        }
    }
    return "";
}

std::string engine_identity(const std::string& languages)
{
    std::string id = std::string("Tesseract ") + tesseract::TessBaseAPI::Version() + ", " + languages;
    for (const std::string& lang : split_languages(languages)) {
        struct stat st{};
        if (::stat((tessdata_folder() + "/" + lang + ".traineddata").c_str(), &st) == 0) {
            id += " " + lang + ":" + std::to_string(st.st_size) + "@" + std::to_string(st.st_mtime);
        }
    }
    // The libraries that decode the scans decide their pixels too.
    for (char* v : {getLeptonicaVersion(), getImagelibVersions()}) {
        if (v) {
            id += std::string("; ") + v;
            lept_free(v);
        }
    }
    return id;
}

Engine::Engine(const std::string& languages) : m_api(std::make_unique<tesseract::TessBaseAPI>())
{
    // Tesseract's messages ("Estimating resolution", "Empty page") are not the clerk's business.
    std::vector<std::string> names{"debug_file"};
    std::vector<std::string> values{"/dev/null"};
    std::string dir = tessdata_folder();
    // Init sets Tesseract's global parameters (debug_file among them), which other threads'
    // engines read: one Init at a time.
    static std::mutex init_lock;
    std::lock_guard<std::mutex> hold(init_lock);
    if (m_api->Init(dir.c_str(), languages.c_str(), tesseract::OEM_LSTM_ONLY, nullptr, 0, &names, &values, false) != 0) {
        throw IoError(Position{dir}, "Tesseract cannot load its language data for " + languages);
    }
    m_api->SetPageSegMode(tesseract::PSM_AUTO);
}

Engine::~Engine()
{
    m_api->End();
}

PageText Engine::read(const PageImage& image)
{
    PageText out;
    if (image.width <= 0 || image.height <= 0) {
        return out;
    }
    m_api->SetImage(image.pixels, image.width, image.height, image.components, image.width * image.components);
    m_api->SetSourceResolution(image.dpi);
    tesseract::ETEXT_DESC monitor;
    monitor.set_deadline_msecs(page_seconds * 1000);
    int status = m_api->Recognize(&monitor);
    if (monitor.deadline_exceeded()) {
        m_api->Clear();
        throw Error("Tesseract did not finish reading it within " + std::to_string(page_seconds) + " s");
    }
    if (status != 0) {
        m_api->Clear();
        return out;
    }
    std::unique_ptr<tesseract::ResultIterator> it(m_api->GetIterator());
    struct Word
    {
        int left, top, right, bottom;
        std::string text;
    };
    std::vector<Word> line;
    float line_confidence = 0;
    auto flush = [&] {
        if (line_confidence >= min_confidence) {
            for (const TextRun& r : runs_of(line, image.width, image.height)) {
                out.runs.push_back(r);
            }
        }
        line.clear();
    };
    if (it && !it->Empty(tesseract::RIL_WORD)) {
        do {
            if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) {
                flush();
                line_confidence = it->Confidence(tesseract::RIL_TEXTLINE);
            }
            Word w{};
            std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_WORD));
            if (text && it->BoundingBox(tesseract::RIL_WORD, &w.left, &w.top, &w.right, &w.bottom) && w.right > w.left
                && w.bottom > w.top) {
                w.text = searchable_line(text.get());
                if (!w.text.empty()) {
                    line.push_back(std::move(w));
                }
            }
        } while (it->Next(tesseract::RIL_WORD));
        flush();
    }
    m_api->Clear();
    return out;
}

} // namespace evpack::ocr
