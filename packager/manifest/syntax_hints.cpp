#include "manifest/syntax_hints.hpp"

#include "util/date.hpp"
#include "util/unicode.hpp"

#include <algorithm>
#include <cctype>

namespace evpack::manifest {

namespace {

std::string utf8(const std::u32string& s) { return util::from_u32(s); }

bool is_curly_double(char32_t c) { return c == U'\u201C' || c == U'\u201D' || c == U'\uFF02'; }
bool is_curly_single(char32_t c) { return c == U'\u2018' || c == U'\u2019' || c == U'\uFF07'; }

// A quoted stretch of the line: [open, close] are the quote characters' indices.
struct Quoted
{
    std::size_t open = 0;
    std::size_t close = 0; // == npos when the line ends first
    char32_t quote = 0;    // the opening character
    bool curly() const { return quote != U'"' && quote != U'\''; }
};

// The line's quoted stretches and where its comment starts (npos without one). A string opened
// by a curly quote ends at the next closing quote of its kind, curly or straight. Multi-line
// strings are not followed: nullopt.
struct Scan
{
    std::vector<Quoted> quoted;
    std::size_t comment = std::u32string::npos;
};

std::optional<Scan> scan(const std::u32string& l)
{
    Scan s;
    std::size_t i = 0;
    while (i < l.size()) {
        char32_t c = l[i];
        if (c == U'#') {
            s.comment = i;
            break;
        }
        bool dq = c == U'"' || is_curly_double(c);
        bool sq = c == U'\'' || is_curly_single(c);
        if (!dq && !sq) {
            ++i;
            continue;
        }
        if ((c == U'"' || c == U'\'') && l.compare(i, 3, std::u32string(3, c)) == 0) {
            return std::nullopt;
        }
        Quoted q;
        q.open = i;
        q.quote = c;
        q.close = std::u32string::npos;
        for (std::size_t j = i + 1; j < l.size(); ++j) {
            if (c == U'"' && l[j] == U'\\') {
                ++j;
                continue;
            }
            bool closes = c == U'"' ? l[j] == U'"'
                : c == U'\'' ? l[j] == U'\''
                : dq ? (l[j] == U'"' || l[j] == U'\u201D' || l[j] == U'\uFF02')
                     : (l[j] == U'\'' || l[j] == U'\u2019' || l[j] == U'\uFF07');
            if (closes) {
                q.close = j;
                break;
            }
        }
        // “甲“ typed with one key for both: the same curly quote closes.
        if (q.close == std::u32string::npos && q.curly()) {
            auto j = l.find(c, i + 1);
            q.close = j;
        }
        s.quoted.push_back(q);
        if (q.close == std::u32string::npos) {
            break;
        }
        i = q.close + 1;
    }
    return s;
}

bool outside(const Scan& s, std::size_t i)
{
    if (i >= s.comment) {
        return false;
    }
    for (const Quoted& q : s.quoted) {
        if (i >= q.open && (q.close == std::u32string::npos || i <= q.close)) {
            return false;
        }
    }
    return true;
}

std::string trimmed(const std::u32string& l)
{
    auto first = l.find_first_not_of(U" \t");
    return first == std::u32string::npos ? std::string() : utf8(l.substr(first));
}

util::SyntaxHint make(std::size_t index, std::string code, const std::string& message, const std::u32string& repaired)
{
    return {static_cast<std::uint32_t>(index + 1), std::move(code), message + ": " + trimmed(repaired), utf8(repaired)};
}

// The key of a "key = value" line, or "".
std::u32string key_of(const std::u32string& l, const Scan& s)
{
    for (std::size_t i = 0; i < l.size(); ++i) {
        if (l[i] == U'=' && outside(s, i)) {
            std::u32string k = l.substr(0, i);
            k.erase(0, std::min(k.find_first_not_of(U" \t"), k.size()));
            k.erase(k.find_last_not_of(U" \t") + 1);
            return k;
        }
    }
    return U"";
}

std::optional<util::SyntaxHint> curly_closing(const std::u32string& l, const Scan& s)
{
    // "会议纪要” : a straight quote opened, a curly one meant to close.
    if (s.quoted.empty() || s.quoted.back().quote != U'"' || s.quoted.back().close != std::u32string::npos) {
        return std::nullopt;
    }
    std::size_t open = s.quoted.back().open;
    for (std::size_t i = l.size(); i-- > open + 1;) {
        if (is_curly_double(l[i])) {
            std::u32string r = l;
            r[i] = U'"';
            return make(i, "curly-quote",
                        utf8(std::u32string(1, l[i])) + " is a Chinese (curly) quote; end the text with a straight quote \"", r);
        }
    }
    return std::nullopt;
}

std::optional<util::SyntaxHint> missing_quote(const std::u32string& l, const Scan& s)
{
    if (s.quoted.empty() || s.quoted.back().quote != U'"' || s.quoted.back().close != std::u32string::npos) {
        return std::nullopt;
    }
    std::size_t end = l.find_last_not_of(U" \t") + 1;
    std::u32string r = l.substr(0, end) + U"\"" + l.substr(end);
    return make(end, "missing-quote", "the text has no closing quote \"", r);
}

std::optional<util::SyntaxHint> curly_strings(const std::u32string& l, const Scan& s)
{
    std::u32string r;
    std::size_t first = std::u32string::npos;
    std::size_t at = 0;
    for (const Quoted& q : s.quoted) {
        if (!q.curly()) {
            continue;
        }
        if (first == std::u32string::npos) {
            first = q.open;
        }
        r += l.substr(at, q.open - at) + U"\"";
        std::size_t end = q.close == std::u32string::npos ? l.size() : q.close;
        for (std::size_t i = q.open + 1; i < end; ++i) {
            if (l[i] == U'"') {
                r += U'\\';
            }
            r += l[i];
        }
        r += U"\"";
        at = q.close == std::u32string::npos ? l.size() : q.close + 1;
    }
    if (first == std::u32string::npos) {
        return std::nullopt;
    }
    r += l.substr(std::min(at, l.size()));
    return make(first, "curly-quote",
                utf8(std::u32string(1, l[first])) + " is a Chinese (curly) quote; type straight quotes \"…\" in English input mode", r);
}

bool date_char(char32_t c)
{
    return (c >= U'0' && c <= U'9') || c == U'/' || c == U'.' || c == U'-' || c == U'年' || c == U'月' || c == U'日';
}

std::optional<util::SyntaxHint> loose_date(const std::u32string& l, const Scan& s)
{
    for (std::size_t i = 0; i < l.size(); ++i) {
        if (!outside(s, i) || l[i] < U'0' || l[i] > U'9' || (i > 0 && date_char(l[i - 1]))) {
            continue;
        }
        std::size_t j = i;
        while (j < l.size() && date_char(l[j])) {
            ++j;
        }
        std::u32string token = l.substr(i, j - i);
        auto d = Date::try_parse_loose(utf8(token));
        if (d && d->to_string() != utf8(token)) {
            std::string iso = d->to_string();
            std::u32string r = l.substr(0, i) + util::to_u32(iso) + l.substr(j);
            return make(i, "date-format",
                        "a date is written " + iso + " (year-month-day, with -, without quotes)", r);
        }
        i = j;
    }
    return std::nullopt;
}

bool valid_escape(const std::u32string& l, std::size_t i)
{
    if (i + 1 >= l.size()) {
        return false;
    }
    char32_t e = l[i + 1];
    if (e == U'b' || e == U't' || e == U'n' || e == U'f' || e == U'r' || e == U'"' || e == U'\\') {
        return true;
    }
    std::size_t hex = e == U'u' ? 4 : e == U'U' ? 8 : 0;
    if (hex == 0 || i + 1 + hex >= l.size()) {
        return false;
    }
    for (std::size_t k = i + 2; k < i + 2 + hex; ++k) {
        if (!std::isxdigit(static_cast<int>(l[k] < 0x80 ? l[k] : U'g'))) {
            return false;
        }
    }
    return true;
}

std::optional<util::SyntaxHint> backslash(const std::u32string& l, const Scan& s)
{
    std::u32string key = key_of(l, s);
    bool path_key = key == U"file" || key == U"key" || key == U"cert" || key == U"form";
    for (const Quoted& q : s.quoted) {
        if (q.quote != U'"') {
            continue;
        }
        std::size_t end = q.close == std::u32string::npos ? l.size() : q.close;
        std::size_t bad = std::u32string::npos;
        for (std::size_t i = q.open + 1; i < end; ++i) {
            if (l[i] == U'\\') {
                if (!valid_escape(l, i)) {
                    bad = i;
                    break;
                }
                ++i;
            }
        }
        if (bad == std::u32string::npos) {
            continue;
        }
        std::u32string body = l.substr(q.open + 1, end - q.open - 1);
        std::u32string fixed;
        bool path = path_key || body.find(U'/') != std::u32string::npos || body.find(U'.') != std::u32string::npos;
        for (std::size_t i = 0; i < body.size(); ++i) {
            if (body[i] != U'\\') {
                fixed += body[i];
            } else if (path) {
                while (i + 1 < body.size() && body[i + 1] == U'\\') {
                    ++i; // "a\\b" meant one separator too
                }
                fixed += U'/';
            } else if (i + 1 < body.size() && body[i + 1] == U'\\') {
                fixed += U"\\\\";
                ++i;
            } else {
                fixed += valid_escape(body, i) ? U"\\" : U"\\\\";
            }
        }
        std::u32string r = l.substr(0, q.open + 1) + fixed + l.substr(end);
        return path ? make(bad, "path-backslash", "paths are written with /, not \\", r)
                    : make(bad, "backslash", "\\ in quotes starts an escape such as \\n; write \\\\ for a backslash", r);
    }
    return std::nullopt;
}

std::optional<util::SyntaxHint> full_width(const std::u32string& l, const Scan& s)
{
    struct Mark
    {
        char32_t wide;
        char32_t ascii;
        const char* name;
    };
    static const Mark marks[] = {{U'，', U',', "a Chinese (full-width) comma"},
                                 {U'＝', U'=', "a Chinese (full-width) equals sign"},
                                 {U'［', U'[', "a Chinese (full-width) bracket"},
                                 {U'］', U']', "a Chinese (full-width) bracket"},
                                 {U'【', U'[', "a Chinese bracket"},
                                 {U'】', U']', "a Chinese bracket"},
                                 {U'｛', U'{', "a Chinese (full-width) brace"},
                                 {U'｝', U'}', "a Chinese (full-width) brace"},
                                 {U'\u3000', U' ', "a Chinese (full-width) space"},
                                 {U'＃', U'#', "a Chinese (full-width) #"}};
    std::u32string r = l;
    std::size_t first = std::u32string::npos;
    const Mark* first_mark = nullptr;
    for (std::size_t i = 0; i < l.size(); ++i) {
        if (!outside(s, i)) {
            continue;
        }
        for (const Mark& m : marks) {
            if (l[i] == m.wide) {
                r[i] = m.ascii;
                if (!first_mark) {
                    first = i;
                    first_mark = &m;
                }
            }
        }
    }
    if (!first_mark) {
        return std::nullopt;
    }
    return make(first, "full-width", utf8(std::u32string(1, l[first])) + " is " + first_mark->name + "; type "
                                         + (first_mark->ascii == U' ' ? std::string("an ordinary space")
                                                                      : std::string(1, static_cast<char>(first_mark->ascii)))
                                         + " in English input mode",
                r);
}

std::optional<util::SyntaxHint> header_brackets(const std::u32string& l, const Scan& s)
{
    std::size_t first = l.find_first_not_of(U" \t");
    if (first == std::u32string::npos || l[first] != U'[' || !s.quoted.empty()) {
        return std::nullopt;
    }
    std::size_t end = std::min(s.comment, l.size());
    std::size_t i = first, open = 0, close = 0;
    while (i < end && (l[i] == U'[' || l[i] == U' ')) {
        open += l[i++] == U'[';
    }
    std::size_t name_begin = i;
    while (i < end && ((l[i] >= U'a' && l[i] <= U'z') || (l[i] >= U'A' && l[i] <= U'Z') || (l[i] >= U'0' && l[i] <= U'9')
                       || l[i] == U'_' || l[i] == U'-' || l[i] == U'.')) {
        ++i;
    }
    std::u32string name = l.substr(name_begin, i - name_begin);
    while (i < end && (l[i] == U']' || l[i] == U' ' || l[i] == U'\t')) {
        close += l[i++] == U']';
    }
    if (name.empty() || i != end || (open == close && open <= 2) || open == 0) {
        return std::nullopt;
    }
    std::u32string brackets = open == 1 && close == 1 ? U"[" : U"[[";
    std::u32string closing = open == 1 && close == 1 ? U"]" : U"]]";
    std::u32string r = l.substr(0, first) + brackets + name + closing + (end < l.size() ? U"  " + l.substr(end) : U"");
    return make(first, "header-brackets", "a section header is written with two brackets on each side", r);
}

std::optional<util::SyntaxHint> bare_text(const std::u32string& l, const Scan& s, std::size_t at)
{
    if (at >= l.size() || !outside(s, at)) {
        return std::nullopt;
    }
    char32_t c = l[at];
    bool starts_word = c >= 0x80 || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || c == U'_';
    // Only where a value begins: after "key =", "[" or ",".
    std::size_t before = at;
    while (before > 0 && (l[before - 1] == U' ' || l[before - 1] == U'\t')) {
        --before;
    }
    bool value_starts = before > 0 && (l[before - 1] == U'=' || l[before - 1] == U'[' || l[before - 1] == U',');
    if (!starts_word || !value_starts || key_of(l, s).empty()) {
        return std::nullopt;
    }
    std::size_t end = at;
    while (end < l.size() && l[end] != U',' && l[end] != U']' && l[end] != U'}' && l[end] != U'#') {
        ++end;
    }
    while (end > at && (l[end - 1] == U' ' || l[end - 1] == U'\t')) {
        --end;
    }
    std::u32string word = l.substr(at, end - at);
    if (word == U"true" || word == U"false" || word == U"inf" || word == U"nan") {
        return std::nullopt;
    }
    std::u32string r = l.substr(0, at) + U"\"" + word + U"\"" + l.substr(end);
    return make(at, "needs-quotes", "text must be in straight quotes \"…\"", r);
}

} // namespace

std::optional<util::SyntaxHint> syntax_hint(const std::string& line, std::uint32_t column)
{
    if (!util::is_valid_utf8(line)) {
        return std::nullopt;
    }
    std::u32string l = util::to_u32(line);
    auto s = scan(l);
    if (!s) {
        return std::nullopt;
    }
    // Tried in this order: each is certainly an error where it is found, and the earlier ones
    // change how the rest of the line reads (a curly quote hides where a string ends). Text
    // without quotes is known only by where toml++ stopped.
    using Hinter = std::optional<util::SyntaxHint> (*)(const std::u32string&, const Scan&);
    static const Hinter in_order[] = {curly_closing, missing_quote, curly_strings, loose_date,
                                      backslash,     full_width,    header_brackets};
    for (Hinter hinter : in_order) {
        if (auto h = hinter(l, *s)) {
            return h;
        }
    }
    return bare_text(l, *s, column > 0 ? column - 1 : 0);
}

} // namespace evpack::manifest
