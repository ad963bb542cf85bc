#pragma once

#include <string>

namespace evpack::util {

// Makes a string from outside (a package's names, manifests and tag files; a certificate's
// subject; an error naming them) safe to print on a terminal. Shown as escapes instead of acting
// on the terminal or on how the line reads: C0 controls (ESC, CR, LF, TAB...) and DEL as \x1b,
// C1 controls as \u009b, bidirectional marks, embeddings, overrides and isolates (\u202e), line
// and paragraph separators and the byte-order mark; bytes that are not UTF-8 as \xNN. Everything
// else, CJK and emoji included, is kept. Apply it to each string taken from input before it is
// joined into lines: an escaped newline cannot forge a line of the report.
std::string terminal_safe(const std::string& s);

// The same characters (but C0, which JSON escapes itself) as \uXXXX inside a JSON text made by a
// serializer that leaves them raw: the document means the same, and printing it on a terminal
// is harmless. `json` must be valid UTF-8 (nlohmann's dump with error_handler_t::replace).
std::string json_safe(const std::string& json);

// HTML text (element content and quoted attribute values) for a string from outside: made
// visible as terminal_safe does, then &, <, >, " and ' escaped.
std::string html_text(const std::string& s);

} // namespace evpack::util
