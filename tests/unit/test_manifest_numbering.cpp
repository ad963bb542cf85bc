#include "manifest/numbering.hpp"

#include <gtest/gtest.h>

using namespace evpack;
using namespace evpack::manifest;

TEST(Numbering, CountsOnlyEntriesThatBindAFile)
{
    Manifest m;
    IndicatorEntry e;
    e.id = "10";
    Evidence a, cite, b;
    a.file = "a.pdf";
    cite.see = "3-1";
    b.file = "b.pdf";
    e.evidence = {a, cite, b};
    m.indicators.push_back(e);
    EXPECT_EQ(document_number(m.indicators[0], 0), "10-1");
    EXPECT_EQ(document_number(m.indicators[0], 2), "10-2");
    auto numbers = number_documents(m);
    ASSERT_EQ(numbers.size(), 2u);
    EXPECT_EQ(numbers.at("10-2").evidence, 2u);
    ASSERT_TRUE(resolve_see(numbers, "10－2"));
    EXPECT_EQ(resolve_see(numbers, " 10 - 1 ")->evidence, 0u);
    EXPECT_FALSE(resolve_see(numbers, "10-3"));
}
