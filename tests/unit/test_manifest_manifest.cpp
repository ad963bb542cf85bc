#include "manifest/manifest.hpp"

#include <gtest/gtest.h>

using namespace evpack;

TEST(ManifestParse, FieldsKeepTheirPositions)
{
    Diagnostics diags;
    auto m = manifest::parse("form = \"guangzhou-2020\"\ntitle = \"t\"\norganization = \"o\"\n"
                             "[[indicator]]\nid = \"10\"\n  [[indicator.evidence]]\n  file = \"a.pdf\"\n"
                             "  title = \"A\"\n  date = 2020-05-01\n  members = [\"甲\", \"乙\"]\n",
                             "dir/evpack.toml", diags);
    ASSERT_TRUE(m);
    EXPECT_TRUE(diags.items().empty());
    EXPECT_EQ(m->dir, "dir");
    ASSERT_EQ(m->indicators.size(), 1u);
    const auto& ev = m->indicators[0].evidence.at(0);
    EXPECT_EQ(ev.file, "a.pdf");
    EXPECT_EQ(ev.file_position.to_string(), "dir/evpack.toml:7:10");
    EXPECT_EQ(ev.date->to_string(), "2020-05-01");
    EXPECT_EQ(ev.members.size(), 2u);
    EXPECT_EQ(m->indicators[0].id_position.line, 5u);
}

TEST(ManifestParse, UnknownKeyIsAnErrorAtTheKey)
{
    Diagnostics diags;
    auto m = manifest::parse("form = \"x\"\ntitle = \"t\"\norganization = \"o\"\norganisation = \"o\"\n"
                             "[[indicator]]\nid = \"1\"\nnone = \"无\"\n",
                             "m.toml", diags);
    ASSERT_TRUE(m);
    ASSERT_EQ(diags.items().size(), 1u);
    EXPECT_EQ(diags.items()[0].to_string(),
              "m.toml:4:1: error: unknown key 'organisation' in the manifest; did you mean 'organization'? [unknown-key]");
}

TEST(ManifestParse, WrongTypesAreErrorsAtTheValue)
{
    Diagnostics diags;
    manifest::parse("form = \"x\"\ntitle = 3\norganization = \"o\"\n[[indicator]]\nid = \"1\"\n"
                    "  [[indicator.evidence]]\n  file = \"a.pdf\"\n  title = \"A\"\n  date = \"2020-01-01\"\n",
                    "m.toml", diags);
    ASSERT_EQ(diags.items().size(), 2u);
    EXPECT_EQ(diags.items()[0].code, "wrong-type");
    EXPECT_EQ(diags.items()[0].position.line, 2u);
    EXPECT_EQ(diags.items()[0].position.column, 9u);
    EXPECT_EQ(diags.items()[1].position.line, 9u);
    EXPECT_NE(diags.items()[1].message.find("without quotes"), std::string::npos);
}

TEST(ManifestParse, SyntaxErrorReportsTomlsPosition)
{
    Diagnostics diags;
    EXPECT_FALSE(manifest::parse("form = \"x\"\ntitle = \"t\" \"u\"\n", "m.toml", diags));
    ASSERT_EQ(diags.items().size(), 1u);
    EXPECT_EQ(diags.items()[0].code, "toml-syntax");
    EXPECT_EQ(diags.items()[0].position.line, 2u);
    EXPECT_EQ(diags.items()[0].position.column, 13u);
}

TEST(ManifestParse, KnownMistakesAreEachReportedAndParsingGoesOn)
{
    Diagnostics diags;
    auto m = manifest::parse("form = \"x\"\ntitle = “标题”\norganization = \"o\"\n[[indicator]\nid = \"1\"\n"
                             "  [[indicator.evidence]]\n  file = \"证明材料\\9-纪要\\a.pdf\"\n  title = \"A\"\n"
                             "  date = 2024/9/10\n",
                             "m.toml", diags);
    ASSERT_TRUE(m);
    ASSERT_EQ(diags.items().size(), 4u);
    EXPECT_EQ(diags.items()[0].to_string(), "m.toml:2:9: error: “ is a Chinese (curly) quote; type straight quotes \"…\" in "
                                            "English input mode: title = \"标题\" [curly-quote]");
    EXPECT_EQ(diags.items()[1].to_string(), "m.toml:4:1: error: a section header is written with two brackets on each "
                                            "side: [[indicator]] [header-brackets]");
    EXPECT_EQ(diags.items()[2].to_string(), "m.toml:7:15: error: paths are written with /, not \\: file = "
                                            "\"证明材料/9-纪要/a.pdf\" [path-backslash]");
    EXPECT_EQ(diags.items()[3].to_string(), "m.toml:9:10: error: a date is written 2024-09-10 (year-month-day, with -, "
                                            "without quotes): date = 2024-09-10 [date-format]");
    // The rest is read as meant.
    EXPECT_EQ(m->title, "标题");
    EXPECT_EQ(m->indicators.at(0).evidence.at(0).file, "证明材料/9-纪要/a.pdf");
    EXPECT_EQ(m->indicators[0].evidence[0].date->to_string(), "2024-09-10");
}

TEST(ManifestParse, QuotedDatesAreToldHowToWriteThem)
{
    Diagnostics diags;
    manifest::parse("form = \"x\"\ntitle = \"t\"\norganization = \"o\"\n[[indicator]]\nid = \"1\"\n"
                    "  [[indicator.evidence]]\n  file = \"a.pdf\"\n  title = \"A\"\n  date = \"2024年9月1日\"\n",
                    "m.toml", diags);
    ASSERT_EQ(diags.items().size(), 1u);
    EXPECT_EQ(diags.items()[0].to_string(),
              "m.toml:9:10: error: a date is written 2024-09-01, without quotes: date = 2024-09-01 [date-format]");
}

TEST(ManifestParse, EmptyValuesAndMembersKeepTheirOwnPositions)
{
    Diagnostics diags;
    auto m = manifest::parse("form = \"x\"\ntitle = \"\"\norganization = \"\"\n[[indicator]]\nid = \"1\"\n"
                             "  [[indicator.evidence]]\n  file = \"a.pdf\"\n  title = \"\"\n  members = [\"甲\", \"乙\"]\n",
                             "m.toml", diags);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->title_position.to_string(), "m.toml:2:9");
    EXPECT_EQ(m->organization_position.to_string(), "m.toml:3:16");
    const auto& ev = m->indicators.at(0).evidence.at(0);
    EXPECT_EQ(ev.title_position.to_string(), "m.toml:8:11");
    ASSERT_EQ(ev.member_positions.size(), 2u);
    EXPECT_EQ(ev.member_positions[1].to_string(), "m.toml:9:19");
}

TEST(ManifestParse, IntegerIdsAreAccepted)
{
    Diagnostics diags;
    auto m = manifest::parse("form = \"x\"\ntitle = \"t\"\norganization = \"o\"\n[[indicator]]\nid = 7\nnone = \"无\"\n",
                             "m.toml", diags);
    ASSERT_TRUE(m);
    EXPECT_TRUE(diags.items().empty());
    EXPECT_EQ(m->indicators[0].id, "7");
}

TEST(ManifestWrite, RoundTripsThroughTheParser)
{
    Diagnostics diags;
    std::string text = "form = \"guangzhou-2020\"\ntitle = \"标题 \\\"引号\\\"\"\norganization = \"o\"\n"
                       "[[member]]\nname = \"甲\"\n[[indicator]]\nid = \"1\"\npages = [3, 5]\n"
                       "  [[indicator.evidence]]\n  file = \"e/合同 1.pdf\"\n  title = \"A\"\n  kind = \"contract\"\n"
                       "  sha256 = \"ab\"\n  pages = [3, 5]\n  original_name = \"50%进度.pdf\"\n";
    auto m = manifest::parse(text, "m.toml", diags);
    ASSERT_TRUE(m);
    std::string out = manifest::to_toml(*m);
    auto again = manifest::parse(out, "m.toml", diags);
    ASSERT_TRUE(again);
    EXPECT_TRUE(diags.items().empty()) << diags.items()[0].to_string();
    EXPECT_EQ(again->title, "标题 \"引号\"");
    EXPECT_EQ(again->indicators[0].evidence[0].file, "e/合同 1.pdf");
    EXPECT_EQ(again->indicators[0].evidence[0].pages, std::make_pair(3, 5));
    EXPECT_EQ(again->indicators[0].pages, std::make_pair(3, 5));
    EXPECT_EQ(again->indicators[0].evidence[0].original_name, "50%进度.pdf");
    EXPECT_EQ(manifest::to_toml(*again), out);
}

TEST(ManifestWrite, NamesAreNfcNormalised)
{
    manifest::Manifest m;
    m.form = "f";
    manifest::IndicatorEntry e;
    e.id = "1";
    manifest::Evidence ev;
    ev.file = "Cafe\xCC\x81.pdf"; // NFD: e + combining acute
    ev.title = "t";
    e.evidence.push_back(ev);
    m.indicators.push_back(e);
    EXPECT_NE(manifest::to_toml(m).find("Caf\xC3\xA9.pdf"), std::string::npos);
}
