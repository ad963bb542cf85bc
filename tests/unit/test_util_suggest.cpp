#include "util/suggest.hpp"
#include "util/unicode.hpp"

#include <gtest/gtest.h>

using namespace evpack;

TEST(UtilSuggest, EditDistanceCountsCodePointsAndSwaps)
{
    EXPECT_EQ(util::edit_distance(U"tilte", U"title"), 1u);
    EXPECT_EQ(util::edit_distance(U"太原某某大字", U"太原某某大学"), 1u);
    EXPECT_EQ(util::edit_distance(U"", U"abc"), 3u);
    EXPECT_EQ(util::edit_distance(util::to_u32("会议纪要"), util::to_u32("会议纪要")), 0u);
}

TEST(UtilSuggest, WidthAndCaseAreFolded)
{
    EXPECT_EQ(util::nearest("任务书(省重点研发).pdf", {"任务书（省重点研发）.pdf", "其他.pdf"}), "任务书（省重点研发）.pdf");
    EXPECT_EQ(util::nearest("contract-2024.pdf", {"Contract-2024.PDF"}), "Contract-2024.PDF");
    EXPECT_EQ(util::nearest("２", {"1", "2", "3"}), "2");
}

TEST(UtilSuggest, NothingCloseOrNothingClearGivesNoSuggestion)
{
    EXPECT_EQ(util::nearest("财务报表.pdf", {"会议纪要.pdf", "合同.pdf"}), std::nullopt);
    // Equally near: guessing would mislead.
    EXPECT_EQ(util::nearest("会议纪要2.pdf", {"会议纪要1.pdf", "会议纪要3.pdf"}), std::nullopt);
    EXPECT_EQ(util::nearest("26", {"1", "16", "25"}), std::nullopt);
    // One edit in four code points at most.
    EXPECT_EQ(util::nearest("甲公司", {"乙公司"}), "乙公司");
    EXPECT_EQ(util::nearest("甲公司", {"乙大学"}), std::nullopt);
    EXPECT_EQ(util::nearest("太原某某大字", {"太原某某大学", "山西某某集团有限公司"}), "太原某某大学");
    // What was typed exists: nothing to suggest.
    EXPECT_EQ(util::nearest("a.pdf", {"a.pdf", "b.pdf"}), std::nullopt);
    EXPECT_EQ(util::nearest("a.pdf", {}), std::nullopt);
}
