#include "forms/builtin.hpp"

#include "util/error.hpp"
#include "util/file.hpp"

#include <algorithm>
#include <sys/stat.h>

namespace evpack::forms {

const std::vector<Form>& builtin_forms()
{
    static const std::vector<Form> forms = [] {
        std::vector<Form> out;
        for (const BuiltinForm& b : builtin_sources()) {
            Diagnostics diags;
            auto form = parse_form(b.text, b.path, diags);
            if (!form) {
                std::string why = diags.items().empty() ? "" : diags.items().front().to_string();
                throw Error("built-in form " + std::string(b.path) + " is malformed: " + why);
            }
            out.push_back(std::move(*form));
        }
        std::sort(out.begin(), out.end(), [](const Form& a, const Form& b) { return a.id < b.id; });
        return out;
    }();
    return forms;
}

const Form* find_builtin(const std::string& id)
{
    for (const Form& f : builtin_forms()) {
        if (f.id == id) {
            return &f;
        }
    }
    return nullptr;
}

std::optional<Form> resolve_form(const std::string& name, const std::string& base_dir, const Position& where,
                                 Diagnostics& diags)
{
    bool is_path = name.find('/') != std::string::npos
        || (name.size() > 5 && name.compare(name.size() - 5, 5, ".toml") == 0);
    if (!is_path) {
        if (const Form* f = find_builtin(name)) {
            return *f;
        }
        std::string known;
        for (const Form& f : builtin_forms()) {
            known += (known.empty() ? "" : ", ") + f.id;
        }
        diags.error(where, "unknown-form", "unknown form '" + name + "' (built-in forms: " + known + ")");
        return std::nullopt;
    }
    std::string path = util::join(base_dir, name);
    struct stat st{};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
        diags.error(where, "form-missing", "form file '" + path + "' does not exist or is not a file");
        return std::nullopt;
    }
    std::string text;
    try {
        text = util::read_file(path);
    } catch (const Error& e) {
        diags.error(where, "form-unreadable", e.what());
        return std::nullopt;
    }
    return parse_form(text, path, diags);
}

} // namespace evpack::forms
