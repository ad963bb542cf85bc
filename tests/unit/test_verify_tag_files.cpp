#include "verify/checks.hpp"

#include <gtest/gtest.h>

using namespace evpack::verify;

TEST(VerifyTagFiles, LinesEndInLfCrOrCrlf)
{
    std::vector<std::string> expected = {"a", "b", "", "c"};
    EXPECT_EQ(tag_lines("a\nb\n\nc\n"), expected);
    EXPECT_EQ(tag_lines("a\rb\r\rc\r"), expected);
    EXPECT_EQ(tag_lines("a\r\nb\r\n\r\nc"), expected);
    EXPECT_EQ(tag_lines("a\r\nb\n\rc"), expected); // mixed: CRLF, LF, CR
    EXPECT_EQ(tag_lines("\xEF\xBB\xBF" "a\n"), std::vector<std::string>{"a"});
    EXPECT_TRUE(tag_lines("").empty());
}

TEST(VerifyTagFiles, LabelsInAnyCaseATabAfterTheColonAndFoldedValues)
{
    auto f = parse_bag_info("payload-OXUM:\t180207.10\rSource-Organization: 某某联盟\r\n  第二行\nExternal-Description:   x  \n"
                            "Payload-Oxum: 1.1\n");
    EXPECT_EQ(f["payload-oxum"], "180207.10"); // the first value counts
    EXPECT_EQ(f["source-organization"], "某某联盟 第二行");
    EXPECT_EQ(f["external-description"], "x");
    EXPECT_EQ(f.count("Payload-Oxum"), 0u);
}

TEST(VerifyTagFiles, FieldsAreSplitOnSpacesAndTabsTheLastKeepsItsSpaces)
{
    std::vector<std::string> two = {"ABCDEF", "data/联合攻关合同 2020.pdf"};
    EXPECT_EQ(split_fields("ABCDEF \t data/联合攻关合同 2020.pdf", 2), two);
    EXPECT_EQ(split_fields("abc\tdata/x", 2), (std::vector<std::string>{"abc", "data/x"}));
    EXPECT_EQ(split_fields("http://x 12 ../../../etc/passwd", 3), (std::vector<std::string>{"http://x", "12", "../../../etc/passwd"}));
    EXPECT_EQ(split_fields("lonely", 2), std::vector<std::string>{"lonely"});
    EXPECT_TRUE(split_fields(" \t ", 2).empty());
}
