#pragma once

#include "forms/form.hpp"
#include "util/diagnostic.hpp"

#include <optional>
#include <string>
#include <vector>

namespace evpack::manifest {

struct Update
{
    std::string text;                  // the manifest, brought up to date (the input when nothing changed)
    std::vector<std::string> added;    // files added, as the manifest lists them
    std::vector<std::string> dropped;  // entries dropped because their file is gone: "file" (title)
    std::vector<std::string> warnings; // what the clerk should look at
    Diagnostics problems;              // the manifest's syntax errors: nothing was changed
    std::string evidence_dir;          // the folder read

    bool ok() const { return !problems.has_errors(); }
    bool changed(const std::string& before) const { return text != before; }
};

// `init --update`: brings a manifest's evidence up to date with its evidence folder by editing
// its text, so every typed value, comment and blank line stays as it is:
//  - a file in an indicator's folder that the manifest does not list is added as init would
//    write it, among that indicator's entries in natural order of their paths (a `none = ""`
//    placeholder gives way to it; an indicator missing from the manifest is added in the form's
//    order);
//  - an entry whose file is gone is dropped with the comment lines right above it, and an
//    indicator left with nothing gets `none = ""`; but an entry whose missing file is close to a
//    new one (util::nearest: a renamed file) is kept, and the new file not added, with a warning;
//  - entries outside the evidence folder that still exist are not touched.
// Running it again changes nothing. evidence_dir may be empty: it is then the one folder the
// manifest's files are in (manifest::evidence_root_of), and a usage error when they say none or
// several. text is the manifest as UTF-8 (manifest::decode), manifest_path where it is; line
// endings (CRLF from Notepad) are kept. form: the manifest's own when null.
Update update_manifest(const std::string& text, const std::string& manifest_path, const forms::Form* form,
                       const std::string& evidence_dir);

} // namespace evpack::manifest
