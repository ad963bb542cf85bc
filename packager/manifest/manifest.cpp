#include "manifest/manifest.hpp"

#include "manifest/encoding.hpp"
#include "manifest/syntax_hints.hpp"
#include "util/file.hpp"
#include "util/number.hpp"
#include "util/toml_reader.hpp"
#include "util/unicode.hpp"

#include <cstdio>
#include <sstream>

namespace evpack::manifest {

namespace {

// pages = [first, last], written by `build` into the packaged manifest.
std::optional<std::pair<int, int>> read_pages(const toml::table& t, util::TableReader& r, Diagnostics& diags)
{
    r.accept("pages");
    const toml::node* node = t.get("pages");
    if (!node) {
        return std::nullopt;
    }
    const toml::array* arr = node->as_array();
    if (arr && arr->size() == 2 && (*arr)[0].is_integer() && (*arr)[1].is_integer()) {
        auto first = (*arr)[0].value<std::int64_t>().value_or(0);
        auto last = (*arr)[1].value<std::int64_t>().value_or(0);
        if (first >= 1 && last >= first && last < 10000000) {
            return std::make_pair(static_cast<int>(first), static_cast<int>(last));
        }
    }
    diags.error(r.position("pages"), "wrong-type", "'pages' must be [first, last] with 1 <= first <= last");
    return std::nullopt;
}

} // namespace

std::optional<Manifest> parse(const std::string& text, const std::string& path, Diagnostics& diags)
{
    auto parsed = util::parse_toml(text, path, diags, syntax_hint);
    if (!parsed) {
        return std::nullopt;
    }
    Manifest m;
    m.path = path;
    m.dir = util::dirname(path);

    util::TableReader top(*parsed, path, diags, "the manifest");
    m.form = top.string("form", true).value_or("");
    m.form_position = top.position("form");
    m.title = top.string("title", true).value_or("");
    m.title_position = top.position("title");
    m.organization = top.string("organization", true).value_or("");
    m.organization_position = top.position("organization");
    m.key = top.string("key");
    m.key_position = top.position("key");
    m.cert = top.string("cert");
    m.cert_position = top.position("cert");
    m.layout = top.string("layout");
    m.layout_position = top.position("layout");
    m.seal = top.string("seal");
    m.seal_position = top.position("seal");

    for (const toml::table* mt : top.tables("member")) {
        util::TableReader mr(*mt, path, diags, "[[member]]");
        Member member;
        member.position = mr.position("name");
        member.name = util::nfc(mr.string("name", true).value_or(""));
        mr.finish();
        m.members.push_back(std::move(member));
    }

    for (const toml::table* it : top.tables("indicator", true)) {
        util::TableReader ir(*it, path, diags, "[[indicator]]");
        IndicatorEntry entry;
        entry.position = ir.position();
        entry.id_position = ir.position("id");
        if (ir.has("id") && (*it)["id"].is_integer()) {
            // id = 10 is what a clerk types; accept it as "10".
            ir.accept("id");
            entry.id = std::to_string((*it)["id"].value<std::int64_t>().value_or(0));
        } else {
            entry.id = ir.string("id", true).value_or("");
        }
        entry.none = ir.string("none");
        entry.none_position = ir.position("none");
        entry.note = ir.string("note").value_or("");
        entry.summary = util::nfc(ir.string("summary").value_or(""));
        entry.summary_position = ir.position("summary");
        entry.score = ir.number("score");
        entry.score_position = ir.position("score");
        for (const toml::table* et : ir.tables("evidence")) {
            util::TableReader er(*et, path, diags, "[[indicator.evidence]]");
            Evidence ev;
            ev.position = er.position();
            ev.see = er.string("see");
            ev.see_position = er.position("see");
            // A `see` entry binds nothing: it has no file, and its title is optional.
            ev.file = util::nfc(er.string("file", !ev.see).value_or(""));
            ev.file_position = er.position("file");
            ev.title = util::nfc(er.string("title", !ev.see).value_or(""));
            ev.title_position = er.has("title") ? er.position("title") : Position{};
            ev.date = er.date("date");
            ev.date_position = er.position("date");
            ev.members_position = er.position("members");
            if (auto members = er.strings("members", false, &ev.member_positions)) {
                for (auto& name : *members) {
                    ev.members.push_back(util::nfc(name));
                }
            }
            ev.kind = er.string("kind");
            ev.kind_position = er.position("kind");
            ev.note = er.string("note").value_or("");
            ev.number = er.string("number");
            ev.sha256 = er.string("sha256");
            ev.original_name = er.string("original_name");
            ev.rendering = er.string("rendering");
            ev.rendering_sha256 = er.string("rendering_sha256");
            ev.converter = er.string("converter");
            ev.pages = read_pages(*et, er, diags);
            er.finish();
            entry.evidence.push_back(std::move(ev));
        }
        entry.pages = read_pages(*it, ir, diags);
        ir.finish();
        m.indicators.push_back(std::move(entry));
    }
    top.finish();
    return m;
}

std::optional<Manifest> load(const std::string& path, Diagnostics& diags)
{
    auto text = decode(util::read_file(path), path, diags);
    if (!text) {
        return std::nullopt;
    }
    return parse(*text, path, diags);
}

std::string quote(const std::string& s)
{
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            if (c < 0x20 || c == 0x7f) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    return out + "\"";
}

std::string to_toml(const Manifest& m)
{
    std::ostringstream o;
    auto q = [](const std::string& s) { return quote(util::nfc(s)); };
    // key = "value" when there is a value.
    auto optional = [&](const char* indent_key, const std::optional<std::string>& value) {
        if (value) {
            o << indent_key << " = " << q(*value) << "\n";
        }
    };
    o << "form = " << q(m.form) << "\n";
    o << "title = " << q(m.title) << "\n";
    o << "organization = " << q(m.organization) << "\n";
    optional("key", m.key);
    optional("cert", m.cert);
    optional("layout", m.layout);
    optional("seal", m.seal);
    for (const Member& member : m.members) {
        o << "\n[[member]]\nname = " << q(member.name) << "\n";
    }
    for (const IndicatorEntry& e : m.indicators) {
        o << "\n[[indicator]]\nid = " << q(e.id) << "\n";
        if (e.none) {
            o << "none = " << q(*e.none) << "\n";
        }
        if (!e.note.empty()) {
            o << "note = " << q(e.note) << "\n";
        }
        if (!e.summary.empty()) {
            o << "summary = " << q(e.summary) << "\n";
        }
        if (e.score) {
            o << "score = " << util::format_number(*e.score) << "\n";
        }
        if (e.pages) {
            o << "pages = [" << e.pages->first << ", " << e.pages->second << "]\n";
        }
        for (const Evidence& ev : e.evidence) {
            o << "\n  [[indicator.evidence]]\n";
            if (ev.see) {
                o << "  see = " << q(*ev.see) << "\n";
            }
            if (!ev.file.empty() || !ev.see) {
                o << "  file = " << q(ev.file) << "\n";
            }
            if (!ev.title.empty() || !ev.see) {
                o << "  title = " << q(ev.title) << "\n";
            }
            if (ev.date) {
                o << "  date = " << ev.date->to_string() << "\n";
            }
            if (ev.kind) {
                o << "  kind = " << q(*ev.kind) << "\n";
            }
            if (!ev.members.empty()) {
                o << "  members = [";
                for (std::size_t i = 0; i < ev.members.size(); ++i) {
                    o << (i ? ", " : "") << q(ev.members[i]);
                }
                o << "]\n";
            }
            if (!ev.note.empty()) {
                o << "  note = " << q(ev.note) << "\n";
            }
            optional("  number", ev.number);
            optional("  sha256", ev.sha256);
            if (ev.pages) {
                o << "  pages = [" << ev.pages->first << ", " << ev.pages->second << "]\n";
            }
            optional("  original_name", ev.original_name);
            optional("  rendering", ev.rendering);
            optional("  rendering_sha256", ev.rendering_sha256);
            optional("  converter", ev.converter);
        }
    }
    return o.str();
}

} // namespace evpack::manifest
