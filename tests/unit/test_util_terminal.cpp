#include "util/terminal.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using evpack::util::html_text;
using evpack::util::json_safe;
using evpack::util::terminal_safe;

TEST(UtilTerminal, EscapeSequencesAreShownNotSent)
{
    // ESC [ 2 J clears the screen, ESC [ 31 m turns it red.
    EXPECT_EQ(terminal_safe("data/\x1b[2J\x1b[31mx.pdf"), "data/\\x1b[2J\\x1b[31mx.pdf");
    EXPECT_EQ(terminal_safe("a\tb\nc\rd\x7f"), "a\\x09b\\x0ac\\x0dd\\x7f");
    EXPECT_EQ(terminal_safe(std::string("nul\0here", 8)), "nul\\x00here");
}

TEST(UtilTerminal, C1ControlsAndBidiOverridesAreEscaped)
{
    // U+009B is CSI on its own: some terminals act on it like ESC [.
    EXPECT_EQ(terminal_safe("x\xc2\x9b" "2Jy"), "x\\u009b2Jy");
    // U+202E makes "evil\u202Efdp.exe" read as "evilexe.pdf".
    EXPECT_EQ(terminal_safe("evil\xe2\x80\xae" "fdp.exe"), "evil\\u202efdp.exe");
    EXPECT_EQ(terminal_safe("\xe2\x81\xa6x\xe2\x81\xa9"), "\\u2066x\\u2069");
    EXPECT_EQ(terminal_safe("\xef\xbb\xbf" "BagIt"), "\\ufeffBagIt");
    EXPECT_EQ(terminal_safe("a\xe2\x80\xa8" "b"), "a\\u2028b");
}

TEST(UtilTerminal, TextAndCjkAreKeptAndBadBytesEscaped)
{
    EXPECT_EQ(terminal_safe("指标 10 · 联合攻关合同 2020.pdf ✓ 😀"), "指标 10 · 联合攻关合同 2020.pdf ✓ 😀");
    EXPECT_EQ(terminal_safe("bad \xff\xfe end \xe6\x8c"), "bad \\xff\\xfe end \\xe6\\x8c");
    EXPECT_EQ(terminal_safe(""), "");
}

TEST(UtilTerminal, JsonKeepsItsMeaningAndLosesItsControls)
{
    nlohmann::json j = {{"name", "a\x1b[2J\xc2\x9b\xe2\x80\xae\x7f" "b 指标"}};
    std::string text = json_safe(j.dump(2));
    for (unsigned char c : text) {
        EXPECT_TRUE(c >= 0x20 || c == '\n') << "raw control in " << text;
    }
    EXPECT_EQ(text.find("\xc2\x9b"), std::string::npos);
    EXPECT_EQ(text.find("\xe2\x80\xae"), std::string::npos);
    EXPECT_EQ(nlohmann::json::parse(text), j); // the same document
}

TEST(UtilTerminal, HtmlEscapesMarkupAndShowsControls)
{
    EXPECT_EQ(html_text("<script>alert(\"x\")</script> & 'y'"),
              "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;");
    EXPECT_EQ(html_text("a\xe2\x80\xae" "b"), "a\\u202eb");
}
