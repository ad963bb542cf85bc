#include "pdf/rendering.hpp"

// Use qpdf's std::shared_ptr API without the PointerHolder compatibility layer.
#define POINTERHOLDER_TRANSITION 4

#include "util/file.hpp"
#include "util/error.hpp"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <set>

namespace evpack::pdf {

namespace {

// Notices whether a content stream paints anything.
class PaintFinder : public QPDFObjectHandle::ParserCallbacks
{
public:
    void handleObject(QPDFObjectHandle obj) override
    {
        static const std::set<std::string> painting = {"Tj", "TJ", "'", "\"", "Do", "f", "F", "f*", "B", "B*",
                                                       "b", "b*", "S", "s", "sh", "BI"};
        if (obj.isOperator() && painting.count(obj.getOperatorValue())) {
            m_paints = true;
        }
    }
    void handleEOF() override {}
    bool paints() const { return m_paints; }

private:
    bool m_paints = false;
};

} // namespace

RenderedPdf write_reproducible(const std::string& in, const std::string& out, std::optional<std::int64_t> time)
{
    RenderedPdf result;
    try {
        QPDF qpdf;
        qpdf.setSuppressWarnings(true);
        qpdf.processFile(in.c_str());
        std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(qpdf).getAllPages();
        result.pages = static_cast<int>(pages.size());
        result.blank = true;
        for (QPDFPageObjectHelper& page : pages) {
            PaintFinder finder;
            page.parseContents(&finder);
            if (finder.paints()) {
                result.blank = false;
                break;
            }
        }
        QPDFObjectHandle trailer = qpdf.getTrailer();
        trailer.removeKey("/DocChecksum");
        // qpdf keeps the first /ID string of its input: without one, both come from the content.
        trailer.removeKey("/ID");
        QPDFObjectHandle info = trailer.getKey("/Info");
        if (info.isDictionary()) {
            for (const char* key : {"/CreationDate", "/ModDate"}) {
                if (time) {
                    info.replaceKey(key, QPDFObjectHandle::newString("D:" + util::format_utc(*time, "%Y%m%d%H%M%S") + "Z"));
                } else {
                    info.removeKey(key);
                }
            }
        }
        QPDFWriter writer(qpdf, out.c_str());
        writer.setDeterministicID(true);
        writer.write();
    } catch (const QPDFExc& e) {
        throw Error(Position{in}, "LibreOffice's PDF cannot be read: " + e.getMessageDetail());
    } catch (const std::exception& e) {
        throw Error(Position{in}, std::string("LibreOffice's PDF cannot be read: ") + e.what());
    }
    return result;
}

} // namespace evpack::pdf
