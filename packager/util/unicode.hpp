#pragma once

#include <string>

namespace evpack::util {

// True when s is well-formed UTF-8.
bool is_valid_utf8(const std::string& s);
// NFC normal form (libunistring). Invalid UTF-8 is returned unchanged.
std::string nfc(const std::string& s);
// A key under which names that differ only by normalisation or case compare equal (NFKC case fold).
std::string fold_key(const std::string& s);
// True when s holds nothing but white space (ASCII, U+3000 IDEOGRAPHIC SPACE, U+00A0 and the
// other Unicode spaces) or is empty.
bool is_blank(const std::string& s);
// Columns a string takes in a terminal: CJK characters take two.
std::size_t display_width(const std::string& s);
// Pads s with spaces on the right to the given display width.
std::string pad_right(const std::string& s, std::size_t width);
// Cuts s to at most width columns, marking the cut with "…".
std::string truncate_width(const std::string& s, std::size_t width);
// Code points of s (invalid bytes become U+FFFD).
std::u32string to_u32(const std::string& s);
// Appends one code point as UTF-8 (an invalid one, or a surrogate, as U+FFFD).
void append_utf8(std::string& out, char32_t c);
// UTF-8 of code points (invalid ones become U+FFFD).
std::string from_u32(const std::u32string& s);
// A path for a message: each '/'-separated component that is not valid UTF-8 has all its bytes
// above 0x7F written as \xNN (bytes of another encoding can happen to form UTF-8 sequences, which
// would show as stray letters); valid components are kept.
std::string escape_invalid_utf8(const std::string& path);

} // namespace evpack::util
