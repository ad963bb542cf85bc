#include "check/check.hpp"
#include "check/report.hpp"
#include "helpers.hpp"

#include <gtest/gtest.h>

using namespace evpack;
using namespace evpack::test;
using evpack::check::format_diagnostics;

namespace {

// Indicator 10 (8 points, joint work) with two documents, indicator 11 citing one of them.
std::string with_entries(const std::string& ten_extra, const std::string& eleven_evidence)
{
    std::string s = gz_head();
    for (int i = 1; i <= 9; ++i) {
        s += "[[indicator]]\nid = \"" + std::to_string(i) + "\"\nnone = \"无\"\n";
    }
    s += "[[indicator]]\nid = \"10\"\n" + ten_extra
        + "  [[indicator.evidence]]\n  file = \"contract.pdf\"\n  title = \"合同\"\n  members = [\"甲\", \"乙\"]\n"
          "  [[indicator.evidence]]\n  file = \"minutes.pdf\"\n  title = \"纪要\"\n  members = [\"甲\", \"乙\"]\n";
    s += "[[indicator]]\nid = \"11\"\n" + eleven_evidence;
    for (int i = 12; i <= 25; ++i) {
        s += "[[indicator]]\nid = \"" + std::to_string(i) + "\"\nnone = \"无\"\n";
    }
    return s;
}

} // namespace

TEST(CheckEntries, SeeCitesAnEarlierDocumentWithoutBindingIt)
{
    auto r = check_text(with_entries("", "  [[indicator.evidence]]\n  see = \"10-2\"\n"));
    EXPECT_TRUE(r.ok()) << format_diagnostics(r.diagnostics);
    EXPECT_EQ(r.summary[10].status, "ok");
    EXPECT_EQ(r.evidence[10][0].pages, 0); // binds nothing
}

TEST(CheckEntries, SeeThatNamesNoDocumentIsAnErrorAtItsValue)
{
    auto r = check_text(with_entries("", "  [[indicator.evidence]]\n  see = \"10-3\"\n"));
    const Diagnostic* d = find_code(r, "see-unknown");
    ASSERT_NE(d, nullptr) << format_diagnostics(r.diagnostics);
    EXPECT_EQ(d->position.column, 9);
    EXPECT_NE(d->message.find("indicator 10 has 10-1, 10-2"), std::string::npos) << d->message;
    EXPECT_EQ(r.summary[10].status, "error");
}

TEST(CheckEntries, SeeAcceptsAFullWidthHyphen)
{
    auto r = check_text(with_entries("", "  [[indicator.evidence]]\n  see = \"10－1\"\n"));
    EXPECT_TRUE(r.ok()) << format_diagnostics(r.diagnostics);
}

TEST(CheckEntries, SeeWithAFileIsAnError)
{
    auto r = check_text(with_entries("", "  [[indicator.evidence]]\n  see = \"10-1\"\n  file = \"patent.pdf\"\n  title = \"t\"\n"));
    EXPECT_NE(find_code(r, "see-with-file"), nullptr) << format_diagnostics(r.diagnostics);
}

TEST(CheckEntries, TheSameDocumentForAnotherIndicatorSuggestsSee)
{
    // The same path again, and the same content under another name: both point at see.
    auto r = check_text(with_entries("", "  [[indicator.evidence]]\n  file = \"contract.pdf\"\n  title = \"合同\"\n  members = [\"甲\", \"乙\"]\n"));
    const Diagnostic* d = find_code(r, "file-listed-twice");
    ASSERT_NE(d, nullptr) << format_diagnostics(r.diagnostics);
    EXPECT_NE(d->message.find("or cite it here with see = \"10-1\""), std::string::npos) << d->message;
    auto copy = check_text(with_entries("", "  [[indicator.evidence]]\n  file = \"link-inside.pdf\"\n  title = \"纪要\"\n  members = [\"甲\", \"乙\"]\n"));
    const Diagnostic* c = find_code(copy, "duplicate-content");
    ASSERT_NE(c, nullptr) << format_diagnostics(copy.diagnostics);
    EXPECT_NE(c->message.find("write see = \"10-2\" instead of file"), std::string::npos) << c->message;
}

TEST(CheckEntries, ScoreWithinTheIndicatorsPointsPasses)
{
    auto r = check_text(with_entries("score = 7.5\n", "none = \"无\"\n"));
    EXPECT_TRUE(r.ok()) << format_diagnostics(r.diagnostics);
    ASSERT_TRUE(r.summary[9].score.has_value());
    EXPECT_DOUBLE_EQ(*r.summary[9].score, 7.5);
    EXPECT_EQ(r.summary[9].points, 8);
    EXPECT_DOUBLE_EQ(*r.total_score(), 7.5);
    EXPECT_EQ(r.total_points(), 150);
}

TEST(CheckEntries, ScoreAboveThePointsOrNegativeIsAnError)
{
    auto above = check_text(with_entries("score = 9\n", "none = \"无\"\n"));
    const Diagnostic* d = find_code(above, "score-range");
    ASSERT_NE(d, nullptr) << format_diagnostics(above.diagnostics);
    EXPECT_NE(d->message.find("score 9 is above its 8 points"), std::string::npos) << d->message;
    EXPECT_EQ(d->position.column, 9);
    auto negative = check_text(with_entries("score = -1\n", "none = \"无\"\n"));
    EXPECT_NE(find_code(negative, "score-range"), nullptr) << format_diagnostics(negative.diagnostics);
}

TEST(CheckEntries, ScoreWhereTheFormHasNoPointsIsAnError)
{
    std::string s = "form = \"shanxi-2025\"\ntitle = \"T\"\norganization = \"O\"\n[[indicator]]\nid = \"1\"\nnone = \"无\"\nscore = 3\n";
    for (int i = 2; i <= 9; ++i) {
        s += "[[indicator]]\nid = \"" + std::to_string(i) + "\"\nnone = \"无\"\n";
    }
    auto r = check_text(s);
    EXPECT_NE(find_code(r, "score-no-points"), nullptr) << format_diagnostics(r.diagnostics);
}

TEST(CheckEntries, BlankTitleAndNoneAreErrorsAtTheirLine)
{
    // U+3000 IDEOGRAPHIC SPACE, as a Chinese input method types it, is blank too.
    auto r = check_text(with_entries("", "none = \"\u3000\"\n"));
    const Diagnostic* none = find_code(r, "none-reason");
    ASSERT_NE(none, nullptr) << format_diagnostics(r.diagnostics);
    EXPECT_EQ(none->position.column, 8);
    std::string blank_title = gz_head() + "[[indicator]]\nid = \"1\"\n  [[indicator.evidence]]\n  file = \"contract.pdf\"\n  title = \"   \"\n" + gz_rest(2);
    auto t = check_text(blank_title);
    const Diagnostic* title = find_code(t, "evidence-title");
    ASSERT_NE(title, nullptr) << format_diagnostics(t.diagnostics);
    EXPECT_EQ(title->position.line, 14);
    EXPECT_EQ(title->position.column, 11);
}

TEST(CheckEntries, NoneOfWuIsFine)
{
    auto r = check_text(with_entries("", "none = \"无\"\n"));
    EXPECT_TRUE(r.ok()) << format_diagnostics(r.diagnostics);
}

TEST(CheckEntries, LayoutMustBeKnown)
{
    auto r = check_text("layout = \"letter\"\n" + with_entries("", "none = \"无\"\n"));
    EXPECT_NE(find_code(r, "layout"), nullptr) << format_diagnostics(r.diagnostics);
}
