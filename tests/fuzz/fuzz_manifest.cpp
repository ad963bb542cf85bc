// Fuzz target: the manifest's decoding (GBK, UTF-16), the manifest and form parsers with their
// syntax hints, and every rule of `check` that reads no files.
// Any input must give diagnostics, never a crash, a hang or an escaping exception.

#include "check/check.hpp"
#include "forms/form.hpp"
#include "manifest/encoding.hpp"
#include "util/diagnostic.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string text(reinterpret_cast<const char*>(data), size);
    evpack::Diagnostics decoding;
    std::string decoded = evpack::manifest::decode(text, "evpack.toml", decoding).value_or(text);
    evpack::check::Options options;
    options.read_files = false;
    evpack::check::Report report = evpack::check::run_text(decoded, "evpack.toml", options);
    for (const auto& d : report.diagnostics.items()) {
        (void)d.to_string();
    }
    evpack::Diagnostics form_diags;
    (void)evpack::forms::parse_form(text, "form.toml", form_diags);
    return 0;
}
