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

} // namespace evpack::pdf
