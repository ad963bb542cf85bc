#pragma once

#include "forms/form.hpp"

#include <string>
#include <vector>

namespace evpack::forms {

struct BuiltinForm
{
    const char* path; // "schemas/<file>.toml"
    const char* text;
};

// The schema files compiled into the binary (generated from schemas/*.toml).
const std::vector<BuiltinForm>& builtin_sources();

// Every built-in form, parsed, in id order. Throws Error if one is malformed (a build defect).
const std::vector<Form>& builtin_forms();
const Form* find_builtin(const std::string& id);

// A form named by a manifest: a built-in id, or a path to a form file (relative to base_dir)
// when the name contains '/' or ends in ".toml". Problems go to diags at `where`.
std::optional<Form> resolve_form(const std::string& name, const std::string& base_dir, const Position& where,
                                 Diagnostics& diags);

} // namespace evpack::forms
