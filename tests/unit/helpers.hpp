#pragma once

#include "check/check.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>
#include <string>

namespace evpack::test {

// The generated evidence folder (tests/data/make-testdata).
inline std::string data_dir() { return std::string(EVPACK_TEST_DATA) + "/files"; }

// A manifest head for the Guangzhou form with a three-member roster.
inline std::string gz_head()
{
    return "form = \"guangzhou-2020\"\ntitle = \"T\"\norganization = \"O\"\n"
           "[[member]]\nname = \"甲\"\n[[member]]\nname = \"乙\"\n[[member]]\nname = \"丙\"\n";
}

// Every Guangzhou indicator from `from` to 25 declared none.
inline std::string gz_rest(int from)
{
    std::string s;
    for (int i = from; i <= 25; ++i) {
        s += "[[indicator]]\nid = \"" + std::to_string(i) + "\"\nnone = \"无\"\n";
    }
    return s;
}

// Checks manifest text as if it were <data_dir>/test.toml.
inline check::Report check_text(const std::string& text)
{
    return check::run_text(text, data_dir() + "/test.toml");
}

inline const Diagnostic* find_code(const check::Report& r, const std::string& code)
{
    for (const auto& d : r.diagnostics.items()) {
        if (d.code == code) {
            return &d;
        }
    }
    return nullptr;
}

inline std::size_t count_code(const check::Report& r, const std::string& code)
{
    const auto& items = r.diagnostics.items();
    return static_cast<std::size_t>(std::count_if(items.begin(), items.end(), [&](const Diagnostic& d) { return d.code == code; }));
}

// A fixture with a scratch folder of its own, removed after the test.
class ScratchDir : public ::testing::Test
{
protected:
    void SetUp() override
    {
        std::string templ = "/tmp/evpack-test-XXXXXX";
        ASSERT_NE(::mkdtemp(templ.data()), nullptr);
        dir = templ;
    }
    void TearDown() override { std::filesystem::remove_all(dir); }

    std::string dir;
};

} // namespace evpack::test
