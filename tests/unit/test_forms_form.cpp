#include "forms/builtin.hpp"
#include "forms/form.hpp"

#include <dirent.h>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

using namespace evpack;

namespace {

std::optional<forms::Form> parse(const std::string& text, Diagnostics& diags)
{
    return forms::parse_form(text, "form.toml", diags);
}

} // namespace

TEST(FormsBuiltin, GuangzhouHasTheSeedsGroupsPointsAndJointRules)
{
    const forms::Form* f = forms::find_builtin("guangzhou-2020");
    ASSERT_NE(f, nullptr);
    ASSERT_EQ(f->groups.size(), 4u);
    EXPECT_EQ(f->indicators.size(), 25u);
    std::vector<int> sums;
    for (const auto& g : f->groups) {
        int sum = 0;
        for (std::size_t i : g.indicators) {
            sum += f->indicators[i].points.value_or(-1000);
        }
        sums.push_back(sum);
        EXPECT_EQ(g.points.value_or(-1), sum) << g.title;
    }
    EXPECT_EQ(sums, (std::vector<int>{35, 10, 75, 30}));
    EXPECT_EQ(f->find("4")->points, 15);
    EXPECT_EQ(f->find("23")->points, 15);
    std::vector<std::string> joint;
    for (const auto& ind : f->indicators) {
        if (ind.joint) {
            joint.push_back(ind.id);
            EXPECT_EQ(ind.joint->min_members, 2);
            EXPECT_EQ(ind.joint->mark_from, 3);
        }
    }
    EXPECT_EQ(joint, (std::vector<std::string>{"10", "11", "12", "14", "18", "19", "21", "22", "23", "24"}));
    for (std::size_t i = 0; i < f->indicators.size(); ++i) {
        EXPECT_EQ(f->indicators[i].id, std::to_string(i + 1)) << "indicators must be in the table's order";
    }
    ASSERT_TRUE(f->period_end);
    EXPECT_EQ(f->period_end->to_string(), "2020-12-20");
}

TEST(FormsBuiltin, ShanxiListsTheNineEvidenceKindsInOrder)
{
    const forms::Form* f = forms::find_builtin("shanxi-2025");
    ASSERT_NE(f, nullptr);
    ASSERT_EQ(f->indicators.size(), 9u);
    EXPECT_EQ(f->indicators[0].title, "举办促进行业发展的会议、活动及参加展会等相关证明材料");
    EXPECT_EQ(f->indicators[3].kinds, (std::vector<std::string>{"contract"}));
    EXPECT_EQ(f->indicators[8].title, "认定以来联盟年会、理事会等会议纪要");
    EXPECT_FALSE(f->total_points());
    EXPECT_EQ(f->period_end->to_string(), "2024-12-31");
}

TEST(FormsBuiltin, EverySchemaFileInTheTreeLoadsAndIsBuiltIn)
{
    std::string dir = std::string(EVPACK_SOURCE_DIR) + "/schemas";
    DIR* d = opendir(dir.c_str());
    ASSERT_NE(d, nullptr);
    int count = 0;
    while (dirent* e = readdir(d)) {
        std::string name = e->d_name;
        if (name.size() < 5 || name.substr(name.size() - 5) != ".toml") {
            continue;
        }
        std::ifstream in(dir + "/" + name);
        std::stringstream ss;
        ss << in.rdbuf();
        Diagnostics diags;
        auto form = forms::parse_form(ss.str(), name, diags);
        ASSERT_TRUE(form) << name << ": " << (diags.items().empty() ? "" : diags.items()[0].to_string());
        EXPECT_TRUE(diags.items().empty()) << name;
        EXPECT_NE(forms::find_builtin(form->id), nullptr) << name;
        ++count;
    }
    closedir(d);
    EXPECT_EQ(static_cast<std::size_t>(count), forms::builtin_forms().size());
}

TEST(FormsParse, AThirdFormNeedsNoCode)
{
    Diagnostics diags;
    auto f = parse(R"(id = "beijing-2026"
title = "北京某某联盟年度报告"
[period]
start = 2025-01-01
end = 2025-12-31
[[group]]
title = "证明材料"
points = 10
  [[group.indicator]]
  id = "A1"
  title = "联合项目"
  points = 6
  joint = { min_members = 3 }
  kinds = ["contract"]
  [[group.indicator]]
  id = "A2"
  title = "其他"
  points = 4
)", diags);
    ASSERT_TRUE(f) << diags.items()[0].to_string();
    EXPECT_EQ(f->indicators[0].joint->mark_from, 4);
    EXPECT_EQ(f->total_points(), 10);
}

TEST(FormsBuiltin, BothFormsCarryTheSeedsDeclarationAndSignatureBlock)
{
    const forms::Form* gz = forms::find_builtin("guangzhou-2020");
    ASSERT_NE(gz, nullptr);
    EXPECT_EQ(gz->declaration.rfind("经核实，本自评材料所填信息和情况描述准确无误。\n", 0), 0u);
    EXPECT_EQ(gz->signature_lines,
              (std::vector<std::string>{"填表单位（盖章）：{organization}", "法定代表人（签字）：", "{date}"}));
    const forms::Form* sx = forms::find_builtin("shanxi-2025");
    ASSERT_NE(sx, nullptr);
    EXPECT_NE(sx->declaration.find("我单位对违反上述承诺导致的后果承担全部法律责任。"), std::string::npos);
    EXPECT_EQ(sx->signature_lines,
              (std::vector<std::string>{"联盟理事长：（签字）", "联盟牵头单位：（盖章）{organization}", "{date}"}));
}

TEST(FormsParse, SignatureLinesMustBeStringsWithKnownPlaceholders)
{
    const std::string head = "id = \"x\"\ntitle = \"t\"\n";
    const std::string tail = "[[group]]\ntitle = \"g\"\n[[group.indicator]]\nid = \"1\"\ntitle = \"a\"\n";
    Diagnostics diags;
    auto f = parse(head + "declaration = \"属实。\"\nsignature_lines = [\"单位：{organization}\", \"{date}\"]\n" + tail, diags);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->declaration, "属实。");
    EXPECT_EQ(f->signature_lines.size(), 2u);

    Diagnostics typo;
    EXPECT_FALSE(parse(head + "signature_lines = [\"单位：{organisation}\"]\n" + tail, typo));
    ASSERT_EQ(typo.items().size(), 1u);
    EXPECT_EQ(typo.items()[0].code, "form-placeholder");
    EXPECT_EQ(typo.items()[0].position.line, 3u);
    EXPECT_NE(typo.items()[0].message.find("'{organisation}'"), std::string::npos);

    Diagnostics type;
    EXPECT_FALSE(parse(head + "signature_lines = \"单位\"\n" + tail, type));
    ASSERT_EQ(type.items().size(), 1u);
    EXPECT_EQ(type.items()[0].code, "wrong-type");
    EXPECT_EQ(type.items()[0].position.line, 3u);
}

TEST(FormsParse, SyntaxErrorHasLineAndColumn)
{
    Diagnostics diags;
    EXPECT_FALSE(parse("id = \"x\"\ntitle = \"t\n", diags));
    ASSERT_EQ(diags.items().size(), 1u);
    EXPECT_EQ(diags.items()[0].code, "toml-syntax");
    EXPECT_EQ(diags.items()[0].position.path, "form.toml");
    EXPECT_EQ(diags.items()[0].position.line, 2u);
}

TEST(FormsParse, PointsThatDoNotAddUpAreAnError)
{
    Diagnostics diags;
    EXPECT_FALSE(parse("id = \"x\"\ntitle = \"t\"\n[[group]]\ntitle = \"g\"\npoints = 5\n"
                       "[[group.indicator]]\nid = \"1\"\ntitle = \"a\"\npoints = 4\n",
                       diags));
    ASSERT_EQ(diags.items().size(), 1u);
    EXPECT_EQ(diags.items()[0].code, "form-points");
    EXPECT_EQ(diags.items()[0].position.line, 5u);
    EXPECT_EQ(diags.items()[0].position.column, 10u);
}

TEST(FormsParse, UnknownKeyDuplicateIdAndBadKindAreReportedWhereTheyAre)
{
    Diagnostics diags;
    EXPECT_FALSE(parse("id = \"x\"\ntitle = \"t\"\n[[group]]\ntitle = \"g\"\n"
                       "[[group.indicator]]\nid = \"1\"\ntitle = \"a\"\npionts = 4\n"
                       "[[group.indicator]]\nid = \"1\"\ntitle = \"b\"\nkinds = [\"fax\"]\n",
                       diags));
    std::map<std::string, std::uint32_t> lines;
    for (const auto& d : diags.items()) {
        lines[d.code] = d.position.line;
    }
    EXPECT_EQ(lines["unknown-key"], 8u);
    EXPECT_EQ(lines["form-duplicate-indicator"], 10u);
    EXPECT_EQ(lines["form-kind"], 12u);
    EXPECT_NE(diags.items()[0].message.find("did you mean 'points'"), std::string::npos);
}

TEST(FormsResolve, UnknownIdListsTheBuiltInForms)
{
    Diagnostics diags;
    EXPECT_FALSE(forms::resolve_form("guangzhou-2021", ".", Position{"m.toml", 1, 8}, diags));
    ASSERT_EQ(diags.items().size(), 1u);
    EXPECT_EQ(diags.items()[0].code, "unknown-form");
    EXPECT_NE(diags.items()[0].message.find("guangzhou-2020"), std::string::npos);
    EXPECT_EQ(diags.items()[0].position.column, 8u);
}
