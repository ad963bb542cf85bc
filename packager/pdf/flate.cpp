#include "pdf/flate.hpp"

#include "util/error.hpp"

#include <zlib.h>

namespace evpack::pdf {

std::string deflate(const void* data, std::size_t size, const char* what, int level)
{
    uLongf out_size = compressBound(static_cast<uLong>(size));
    std::string out(out_size, '\0');
    if (compress2(reinterpret_cast<Bytef*>(out.data()), &out_size, static_cast<const Bytef*>(data), static_cast<uLong>(size),
                  level)
        != Z_OK) {
        throw Error(std::string("cannot compress ") + what);
    }
    out.resize(out_size);
    return out;
}

} // namespace evpack::pdf
