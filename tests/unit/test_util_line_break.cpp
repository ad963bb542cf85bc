#include "util/line_break.hpp"
#include "util/unicode.hpp"

#include <gtest/gtest.h>

using namespace evpack::util;

namespace {

// Where a line may end, as the text before each break: "a|b" means a break after a.
std::string breaks(const std::string& s)
{
    std::u32string u = to_u32(s);
    std::vector<Break> b = line_breaks(u);
    std::string out;
    for (std::size_t k = 0; k < u.size(); ++k) {
        append_utf8(out, u[k]);
        if (k + 1 < u.size() && b[k] != Break::none) {
            out += "|";
        }
    }
    return out;
}

} // namespace

TEST(LineBreak, ChineseBreaksBetweenCharacters)
{
    EXPECT_EQ(breaks("联盟章程"), "联|盟|章|程");
}

TEST(LineBreak, NoLineStartsWithClosingPunctuation)
{
    std::string b = breaks("合同，纪要。（附件）《协议》");
    EXPECT_EQ(b.find("|，"), std::string::npos) << b;
    EXPECT_EQ(b.find("|。"), std::string::npos) << b;
    EXPECT_EQ(b.find("|）"), std::string::npos) << b;
    EXPECT_EQ(b.find("《|"), std::string::npos) << b;
    EXPECT_EQ(b.find("（|"), std::string::npos) << b;
}

TEST(LineBreak, AYearStaysWithItsCharacter)
{
    std::string b = breaks("联盟2025年度报告");
    EXPECT_NE(b.find("2025年"), std::string::npos) << b;
    b = breaks("联盟 2025 年度报告");
    EXPECT_NE(b.find("2025 年"), std::string::npos) << b;
}

TEST(LineBreak, NewlineIsMandatory)
{
    std::u32string u = to_u32("甲\n乙");
    EXPECT_EQ(line_breaks(u)[1], Break::mandatory);
}
