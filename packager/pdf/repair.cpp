#include "pdf/repair.hpp"

// Use qpdf's std::shared_ptr API without the PointerHolder compatibility layer.
#define POINTERHOLDER_TRANSITION 4

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>
#include <qpdf/Buffer.hh>

#include <functional>

namespace evpack::pdf {

namespace {

RepairResult repair(const std::function<void(QPDF&)>& open, bool keep_output)
{
    RepairResult out;
    try {
        QPDF qpdf;
        qpdf.setSuppressWarnings(true);
        open(qpdf);
        out.pages = static_cast<int>(QPDFPageDocumentHelper(qpdf).getAllPages().size());
        if (out.pages <= 0) {
            out.message = "no pages could be recovered";
            return out;
        }
        if (keep_output) {
            QPDFWriter writer(qpdf);
            writer.setOutputMemory();
            writer.setDeterministicID(true);
            writer.setPreserveEncryption(false);
            writer.write();
            std::shared_ptr<Buffer> buffer = writer.getBufferSharedPointer();
            out.data.assign(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
        }
        out.ok = true;
    } catch (const QPDFExc& e) {
        out.password = e.getErrorCode() == qpdf_e_password;
        out.message = e.getMessageDetail();
    } catch (const std::exception& e) {
        out.message = e.what();
    }
    return out;
}

} // namespace

RepairResult try_repair(const std::string& path, bool keep_output)
{
    return repair([&](QPDF& q) { q.processFile(path.c_str()); }, keep_output);
}

RepairResult try_repair_buffer(const std::string& bytes, bool keep_output)
{
    return repair([&](QPDF& q) { q.processMemoryFile("evidence", bytes.data(), bytes.size()); }, keep_output);
}

} // namespace evpack::pdf
