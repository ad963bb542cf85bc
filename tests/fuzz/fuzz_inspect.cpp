// Fuzz target: what `check` does with one evidence file: type detection, hashing, image
// headers (JPEG, PNG, TIFF, EXIF) and PDF structure (PoDoFo, then qpdf's repair).

#include "evidence/inspect.hpp"
#include "fuzz_input.hpp"
#include "pdf/inspect.hpp"
#include "util/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string path = evpack::fuzz::input_file(data, size, ".evidence");
    try {
        evpack::evidence::FileFacts facts = evpack::evidence::inspect_file(path, true);
        if (facts.type.type == evpack::evidence::FileType::pdf) {
            (void)evpack::pdf::inspect_pdf(path);
        }
    } catch (const evpack::Error&) {
        // a clear error is the right outcome for bad input
    }
    return 0;
}
