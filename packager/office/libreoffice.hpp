#pragma once

// The one doorway to LibreOffice: finding it, and running one headless conversion.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace evpack::office {

// What Debian packages to install, for messages.
extern const char* const install_hint;

struct Installation
{
    std::string program; // soffice, as run
    // Changes whenever LibreOffice is upgraded or replaced, read without starting it (its program
    // folder's versionrc and the size and time of its main library): part of the cache key.
    std::string fingerprint;
};

// EVPACK_SOFFICE when set, else soffice in PATH; nullopt when there is none.
std::optional<Installation> find_libreoffice();

// "LibreOffice 7.4.7.2 40(Build:2)" as soffice --version says it (a short run, no profile).
std::string version(const Installation& lo, const std::string& work_dir);

// One headless conversion run: every input (each with a unique name) converted to PDF into
// out_dir with import_filter forced (none when empty: LibreOffice detects each type), on a profile of its own (profile_dir) and the given
// fontconfig file. LibreOffice exits 0 whatever happened: the caller judges by the files in
// out_dir. Returns false when the run timed out (its process group was killed).
bool convert(const Installation& lo, const std::vector<std::string>& inputs, const std::string& import_filter,
             const std::string& out_dir, const std::string& profile_dir, const std::string& fontconfig_file,
             const std::string& log_path, std::chrono::milliseconds timeout);

} // namespace evpack::office
