// Fuzz target: `verify` on a received package (zip or tar bytes): the hardened archive
// reader, the BagIt and manifest parsers, the signature check and the appendix comparison.

#include "fuzz_input.hpp"
#include "util/error.hpp"
#include "verify/verify.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string path = evpack::fuzz::input_file(data, size, ".package");
    try {
        evpack::verify::Options options;
        evpack::verify::Report report = evpack::verify::run(path, options);
        (void)evpack::verify::format_text(report);
        (void)evpack::verify::format_json(report);
    } catch (const evpack::Error&) {
        // a clear error is the right outcome for bad input
    }
    return 0;
}
