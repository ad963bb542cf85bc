#include "forms/builtin.hpp"
#include "manifest/evidence_tree.hpp"

#include <gtest/gtest.h>

using namespace evpack;

TEST(ManifestEvidenceTree, FoldersAreMatchedAsClerksNumberThem)
{
    const forms::Form& form = *forms::find_builtin("guangzhou-2020");
    const std::pair<const char*, const char*> cases[] = {
        {"10", "10"},           {"10-技术攻关", "10"}, {"10 合同", "10"},      {"03-共建平台", "3"},
        {"003", "3"},           {"（5）技术转移", "5"}, {"(5)技术转移", "5"},   {"【8】联盟协议", "8"},
        {"第6类 知识产权", "6"}, {"第12项", "12"},      {"第二十一类", "21"},   {"七-工作制度", "7"},
        {"十一、合作项目", "11"}, {"二十五 奖励", "25"}, {"９-会议纪要", "9"},  {"1", "1"},
        {"100", ""},            {"10a", ""},          {"一般材料", ""},       {"十大成果", ""},
        {"2024年", ""},          {"（5", ""},           {"第三十类", ""},       {"其他", ""},
    };
    for (const auto& [folder, id] : cases) {
        EXPECT_EQ(manifest::indicator_for_folder(folder, form).value_or(""), id) << folder;
    }
}

TEST(ManifestEvidenceTree, SystemFilesAreKnownByName)
{
    for (const char* name : {"Thumbs.db", "thumbs.db", "desktop.ini", "Desktop.ini", ".DS_Store", "._会议纪要.pdf",
                             "~$会议纪要.docx", "ehthumbs.db"}) {
        EXPECT_NE(manifest::system_file_reason(name), nullptr) << name;
    }
    for (const char* name : {"会议纪要.pdf", "thumbs.pdf", "~会议纪要.pdf", "desktop.ini.pdf", "$x.pdf"}) {
        EXPECT_EQ(manifest::system_file_reason(name), nullptr) << name;
    }
}

TEST(ManifestEvidenceTree, EvidenceRootIsAboveTheIndicatorsFolder)
{
    const forms::Form& form = *forms::find_builtin("shanxi-2025");
    EXPECT_EQ(manifest::evidence_root_of("evidence/03-共建平台/a.pdf", "3", form), "evidence");
    EXPECT_EQ(manifest::evidence_root_of("证明材料/2024/（5）技术转移/扫描/a.pdf", "5", form), "证明材料/2024");
    EXPECT_EQ(manifest::evidence_root_of("1/a.pdf", "1", form), ".");
    EXPECT_EQ(manifest::evidence_root_of("evidence/3/a.pdf", "4", form), std::nullopt);
    EXPECT_EQ(manifest::evidence_root_of("files/a.pdf", "1", form), std::nullopt);
    EXPECT_EQ(manifest::evidence_root_of("../1/a.pdf", "1", form), std::nullopt);
}

TEST(ManifestEvidenceTree, NaturalOrder)
{
    EXPECT_TRUE(manifest::natural_less("照片 2.pdf", "照片 10.pdf"));
    EXPECT_TRUE(manifest::natural_less("a/2.pdf", "a/10.pdf"));
    EXPECT_FALSE(manifest::natural_less("010.pdf", "9.pdf"));
}
