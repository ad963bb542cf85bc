#include "manifest/syntax_hints.hpp"

#include <gtest/gtest.h>

using namespace evpack;

namespace {

// "COLUMN CODE: REPAIRED LINE", or "none".
std::string hint(const std::string& line, std::uint32_t column = 1)
{
    auto h = manifest::syntax_hint(line, column);
    return h ? std::to_string(h->column) + " " + h->code + ": " + h->repaired_line : "none";
}

} // namespace

TEST(ManifestSyntaxHints, CurlyQuotes)
{
    EXPECT_EQ(hint("title = “会议纪要”"), "9 curly-quote: title = \"会议纪要\"");
    EXPECT_EQ(hint("  title = \"会议纪要”"), "16 curly-quote:   title = \"会议纪要\"");
    EXPECT_EQ(hint("members = [“甲”, “乙”]"), "12 curly-quote: members = [\"甲\", \"乙\"]");
    // Opened curly, closed straight; one curly key for both.
    EXPECT_EQ(hint("title = “会议纪要\""), "9 curly-quote: title = \"会议纪要\"");
    EXPECT_EQ(hint("title = “会议纪要“"), "9 curly-quote: title = \"会议纪要\"");
    EXPECT_EQ(hint("title = ‘纪要’"), "9 curly-quote: title = \"纪要\"");
    // Curly quotes inside straight ones, or in a comment, are text.
    EXPECT_EQ(hint("title = \"关于“十四五”规划\" x"), "none");
    EXPECT_EQ(hint("title = 1  # “注释”"), "none");
}

TEST(ManifestSyntaxHints, Dates)
{
    EXPECT_EQ(hint("date = 2024/09/10"), "8 date-format: date = 2024-09-10");
    EXPECT_EQ(hint("  date = 2024.9.1  # 签订"), "10 date-format:   date = 2024-09-01  # 签订");
    EXPECT_EQ(hint("date = 2024年9月10日"), "8 date-format: date = 2024-09-10");
    EXPECT_EQ(hint("date = 2024-9-10"), "8 date-format: date = 2024-09-10");
    EXPECT_EQ(hint("date = 2024-13-10"), "none");
    EXPECT_EQ(hint("date = 2024-09-10"), "none");
}

TEST(ManifestSyntaxHints, BackslashesInPaths)
{
    EXPECT_EQ(hint("  file = \"证明材料\\9-会议纪要\\a.pdf\""), "15 path-backslash:   file = \"证明材料/9-会议纪要/a.pdf\"");
    // A valid escape among invalid ones is a separator too; so is a doubled one.
    EXPECT_EQ(hint("file = \"a\\new\\9.pdf\""), "14 path-backslash: file = \"a/new/9.pdf\"");
    EXPECT_EQ(hint("file = \"C:\\\\Users\\x.pdf\""), "18 path-backslash: file = \"C:/Users/x.pdf\"");
    // Not a path: the backslash is doubled.
    EXPECT_EQ(hint("note = \"甲\\乙\""), "10 backslash: note = \"甲\\\\乙\"");
    EXPECT_EQ(hint("note = \"a\\tb\\u00e9\""), "none");
}

TEST(ManifestSyntaxHints, FullWidthPunctuationQuotesAndBrackets)
{
    EXPECT_EQ(hint("members = [\"甲\"，\"乙\"]"), "15 full-width: members = [\"甲\",\"乙\"]");
    EXPECT_EQ(hint("title ＝ \"t\""), "7 full-width: title = \"t\"");
    EXPECT_EQ(hint("\u3000title = \"t\""), "1 full-width:  title = \"t\"");
    EXPECT_EQ(hint("title = \"a，b\""), "none");
    EXPECT_EQ(hint("organization = \"某某联盟", 21), "21 missing-quote: organization = \"某某联盟\"");
    EXPECT_EQ(hint("name = 山西某某集团有限公司", 8), "8 needs-quotes: name = \"山西某某集团有限公司\"");
    EXPECT_EQ(hint("kind = photo  # 照片", 8), "8 needs-quotes: kind = \"photo\"  # 照片");
    EXPECT_EQ(hint("ok = true x", 11), "none");
    EXPECT_EQ(hint("[[indicator]", 13), "1 header-brackets: [[indicator]]");
    EXPECT_EQ(hint("  [indicator.evidence]]  # 证据", 24), "3 header-brackets:   [[indicator.evidence]]  # 证据");
    EXPECT_EQ(hint("[[indicator]]"), "none");
}
