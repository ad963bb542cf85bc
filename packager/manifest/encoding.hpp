#pragma once

#include "util/diagnostic.hpp"

#include <optional>
#include <string>

namespace evpack::manifest {

// The manifest's bytes as UTF-8 text. Manifests are UTF-8; what Notepad writes otherwise is read
// where the encoding is certain, with a "manifest-encoding" warning that says how to save UTF-8:
//  - a UTF-8 byte-order mark is dropped;
//  - UTF-16 or UTF-32 with a byte-order mark (Notepad's "Unicode") is converted;
//  - bytes that are not UTF-8 but are GBK text (Notepad's "ANSI" on Chinese Windows) are converted
//    from GB18030 when they decode cleanly, with no four-byte sequence, and at least ten two-byte
//    characters, 9 in 10 of them in GB2312's rows of symbols and hanzi (Big5, Latin-1 or UTF-8
//    with a stray byte fail this).
// Anything else that is not UTF-8 (UTF-16 without a byte-order mark, other legacy encodings) is a
// "manifest-encoding" error at the first byte that is not UTF-8, naming what the file looks like:
// nullopt then. converted_from, when given, is set to the encoding converted from ("GBK",
// "UTF-16", "UTF-32"), or left empty.
std::optional<std::string> decode(const std::string& bytes, const std::string& path, Diagnostics& diags,
                                  std::string* converted_from = nullptr);

} // namespace evpack::manifest
