#pragma once

// Fuzz inputs for the entry points that take a file name: the bytes are written to one
// per-process file under $TMPDIR, overwritten by every input.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

namespace evpack::fuzz {

inline std::string input_file(const std::uint8_t* data, std::size_t size, const char* suffix)
{
    const char* tmp = std::getenv("TMPDIR");
    static const std::string path = [&] {
        std::string p = std::string(tmp && *tmp ? tmp : "/tmp") + "/evpack-fuzz-" + std::to_string(::getpid()) + suffix;
        static std::string to_remove = p;
        std::atexit([] { std::remove(to_remove.c_str()); });
        return p;
    }();
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) {
        std::abort(); // the harness cannot run: not a finding
    }
    if (size) {
        std::fwrite(data, 1, size, f);
    }
    std::fclose(f);
    return path;
}

} // namespace evpack::fuzz
