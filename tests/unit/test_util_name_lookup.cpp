#include "util/name_lookup.hpp"
#include "util/temp_dir.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

using namespace evpack;
using Status = util::NameLookup::Result::Status;

namespace {

void touch(const std::string& path)
{
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream(path) << "x";
}

} // namespace

TEST(UtilNameLookup, AnNfdNameOnDiskIsFoundUnderItsNfcName)
{
    util::TempDir dir("lookup");
    touch(dir.path() + "/Cafe\xCC\x81/会议纪要-e\xCC\x81.pdf"); // NFD folder and file, as a Mac writes them
    util::NameLookup lookup(dir.path());
    auto r = lookup.find("Caf\xC3\xA9/会议纪要-\xC3\xA9.pdf");
    ASSERT_EQ(r.status, Status::found);
    EXPECT_EQ(r.path, dir.path() + "/Cafe\xCC\x81/会议纪要-e\xCC\x81.pdf");
    EXPECT_EQ(lookup.find("./Caf\xC3\xA9//会议纪要-\xC3\xA9.pdf").status, Status::found);
}

TEST(UtilNameLookup, TwoNamesThatNormaliseAlikeAreAmbiguous)
{
    util::TempDir dir("lookup");
    touch(dir.path() + "/a/caf\xC3\xA9.pdf");
    touch(dir.path() + "/a/cafe\xCC\x81.pdf");
    auto r = util::NameLookup(dir.path()).find("a/caf\xC3\xA9.pdf");
    ASSERT_EQ(r.status, Status::ambiguous);
    ASSERT_EQ(r.alike.size(), 2u);
    EXPECT_EQ(r.alike[0].rfind("a/caf", 0), 0u);
}

TEST(UtilNameLookup, MissingNamesSayWhereAndSuggestTheNearest)
{
    util::TempDir dir("lookup");
    touch(dir.path() + "/证明材料/4-项目/任务书（省重点研发）.pdf");
    touch(dir.path() + "/证明材料/4-项目/Thumbs.db");
    util::NameLookup lookup(dir.path(), [](const std::string& name) { return name != "Thumbs.db"; });

    auto r = lookup.find("证明材料/4-项目/任务书(省重点研发).pdf");
    ASSERT_EQ(r.status, Status::missing);
    EXPECT_TRUE(r.missing_is_last);
    EXPECT_EQ(r.missing_folder, "证明材料/4-项目");
    EXPECT_EQ(r.suggestion, "证明材料/4-项目/任务书（省重点研发）.pdf");

    // A folder on the way is mistyped: the suggestion follows the nearest names down.
    r = lookup.find("证明材料/4-项日/任务书(省重点研发).pdf");
    EXPECT_FALSE(r.missing_is_last);
    EXPECT_EQ(r.missing_name, "4-项日");
    EXPECT_EQ(r.suggestion, "证明材料/4-项目/任务书（省重点研发）.pdf");

    // Nothing close: no suggestion; never a name that is not offered.
    r = lookup.find("证明材料/4-项目/财务报表.pdf");
    EXPECT_EQ(r.suggestion, "");
    EXPECT_EQ(lookup.find("证明材料/4-项目/Thumbs.dbx").suggestion, "");
    r = lookup.find("其他/a.pdf");
    EXPECT_EQ(r.missing_folder, "");
    EXPECT_EQ(r.missing_name, "其他");
}
