#include "pdf/load.hpp"

#include "util/error.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

namespace evpack::pdf {

namespace {

struct BufferedFile : std::ifstream
{
    char buffer[1 << 16];
};

} // namespace

std::unique_ptr<std::istream> load_file(PoDoFo::PdfMemDocument& doc, const std::string& path)
{
    auto in = std::make_unique<BufferedFile>();
    in->rdbuf()->pubsetbuf(in->buffer, sizeof in->buffer);
    in->open(path, std::ios::binary);
    if (!*in) {
        throw IoError(Position{path}, std::string("cannot open: ") + std::strerror(errno));
    }
    // The device does not own the stream; the refcounted wrapper owns the device.
    doc.LoadFromDevice(PoDoFo::PdfRefCountedInputDevice(new PoDoFo::PdfInputDevice(in.get())));
    return in;
}

PoDoFo::PdfObject* page_object(PoDoFo::PdfMemDocument& doc, int i)
{
    PoDoFo::PdfPage* page = doc.GetPage(i);
    if (!page || !page->GetObject()) {
        throw Error("page " + std::to_string(i + 1) + " is missing from the page tree");
    }
    return page->GetObject();
}

} // namespace evpack::pdf
