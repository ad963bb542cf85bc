#include "forms/builtin.hpp"
#include "manifest/manifest.hpp"
#include "manifest/skeleton.hpp"
#include "manifest/update.hpp"
#include "util/error.hpp"
#include "util/temp_dir.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <random>
#include <set>

using namespace evpack;

namespace {

struct Tree
{
    util::TempDir dir{"update"};
    const forms::Form& form = *forms::find_builtin("shanxi-2025");

    void add(const std::string& rel) const
    {
        std::string path = dir.path() + "/" + rel;
        std::filesystem::create_directories(std::filesystem::path(path).parent_path());
        std::ofstream(path) << rel;
    }
    void remove(const std::string& rel) const { std::filesystem::remove(dir.path() + "/" + rel); }
    std::string manifest() const { return dir.path() + "/evpack.toml"; }
    manifest::Update update(const std::string& text, const std::string& evidence = "") const
    {
        return manifest::update_manifest(text, manifest(), nullptr, evidence.empty() ? "" : dir.path() + "/" + evidence);
    }
    std::string init() const { return manifest::make_skeleton(form, dir.path() + "/evidence", dir.path()).text; }
};

std::string replace(std::string s, const std::string& from, const std::string& to)
{
    auto at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return at == std::string::npos ? s : s.replace(at, from.size(), to);
}

// The lines of text from the one starting with `from` up to the next "[[indicator]]".
std::string section(const std::string& text, const std::string& from)
{
    auto start = text.find("\n" + from);
    auto end = text.find("\n[[indicator]]", start + 1);
    return text.substr(start + 1, end == std::string::npos ? std::string::npos : end - start - 1);
}

} // namespace

TEST(ManifestUpdate, NewFilesGoAmongTheirIndicatorsEntriesInNaturalOrder)
{
    Tree t;
    t.add("evidence/1-年会/照片 1.jpg");
    t.add("evidence/1-年会/照片 3.jpg");
    std::string text = replace(t.init(), "title = \"照片 3\"", "title = \"签到表\"  # 原件在档案室\n  date = 2024-04-20");
    t.add("evidence/1-年会/照片 2.jpg");
    t.add("evidence/1-年会/照片 10.jpg");
    auto u = t.update(text);
    ASSERT_TRUE(u.ok());
    EXPECT_EQ(section(u.text, "id = \"1\""), "id = \"1\"  # 举办促进行业发展的会议、活动及参加展会等相关证明材料\n"
                                             "\n"
                                             "  [[indicator.evidence]]\n"
                                             "  file = \"evidence/1-年会/照片 1.jpg\"\n"
                                             "  title = \"照片 1\"\n"
                                             "\n"
                                             "  [[indicator.evidence]]\n"
                                             "  file = \"evidence/1-年会/照片 2.jpg\"\n"
                                             "  title = \"照片 2\"\n"
                                             "\n"
                                             "  [[indicator.evidence]]\n"
                                             "  file = \"evidence/1-年会/照片 3.jpg\"\n"
                                             "  title = \"签到表\"  # 原件在档案室\n"
                                             "  date = 2024-04-20\n"
                                             "\n"
                                             "  [[indicator.evidence]]\n"
                                             "  file = \"evidence/1-年会/照片 10.jpg\"\n"
                                             "  title = \"照片 10\"\n");
    EXPECT_EQ(u.added, (std::vector<std::string>{"evidence/1-年会/照片 2.jpg", "evidence/1-年会/照片 10.jpg"}));
    // Idempotent.
    auto again = t.update(u.text);
    EXPECT_EQ(again.text, u.text);
    EXPECT_TRUE(again.added.empty());
}

TEST(ManifestUpdate, GoneFilesAreDroppedAndAnEmptiedIndicatorGetsItsPlaceholder)
{
    Tree t;
    t.add("evidence/2/报告.pdf");
    t.add("evidence/4/任务书.pdf");
    t.add("evidence/4/合同.pdf");
    std::string text = replace(t.init(), "  [[indicator.evidence]]\n  file = \"evidence/4/任务书.pdf\"",
                               "  # 扫描件\n  [[indicator.evidence]]\n  file = \"evidence/4/任务书.pdf\"");
    t.remove("evidence/2/报告.pdf");
    t.remove("evidence/4/任务书.pdf");
    auto u = t.update(text, "evidence");
    ASSERT_TRUE(u.ok());
    EXPECT_EQ(section(u.text, "id = \"2\""),
              "id = \"2\"  # 产业发展研究报告\nnone = \"\"  # list evidence below, or say why there is none (无)\n");
    EXPECT_EQ(section(u.text, "id = \"4\""), "id = \"4\"  # 合作开展科技创新项目任务书或合同书\n"
                                             "\n"
                                             "  [[indicator.evidence]]\n"
                                             "  file = \"evidence/4/合同.pdf\"\n"
                                             "  title = \"合同\"\n");
    EXPECT_EQ(u.dropped, (std::vector<std::string>{"'evidence/2/报告.pdf' ('报告')", "'evidence/4/任务书.pdf' ('任务书')"}));
    EXPECT_EQ(t.update(u.text, "evidence").text, u.text);
}

TEST(ManifestUpdate, APlaceholderGivesWayAndAMissingIndicatorIsAddedInOrder)
{
    Tree t;
    t.add("evidence/1/a.pdf");
    std::string text = t.init();
    // The clerk deleted indicator 3 and wrote a reason for 9.
    text = replace(text, "[[indicator]]\nid = \"3\"  # 共建公共技术创新平台及使用情况的证明材料\nnone = \"\"  # list evidence below, or say why there is none (无)\n\n", "");
    text = replace(text, "会议纪要\nnone = \"\"  # list evidence below, or say why there is none (无)", "会议纪要\nnone = \"本年度未召开\"");
    t.add("evidence/2-报告/b.pdf");
    t.add("evidence/03-平台/c.pdf");
    t.add("evidence/9-纪要/d.pdf");
    auto u = t.update(text);
    ASSERT_TRUE(u.ok());
    EXPECT_EQ(section(u.text, "id = \"2\""), "id = \"2\"  # 产业发展研究报告\n"
                                             "\n"
                                             "  [[indicator.evidence]]\n"
                                             "  file = \"evidence/2-报告/b.pdf\"\n"
                                             "  title = \"b\"\n");
    EXPECT_NE(u.text.find("  title = \"b\"\n\n[[indicator]]\nid = \"3\"  # 共建公共技术创新平台及使用情况的证明材料\n\n"
                          "  [[indicator.evidence]]\n  file = \"evidence/03-平台/c.pdf\"\n  title = \"c\"\n\n[[indicator]]\nid = \"4\""),
              std::string::npos)
        << u.text;
    // A typed reason is kept: the clerk decides.
    EXPECT_NE(section(u.text, "id = \"9\"").find("none = \"本年度未召开\""), std::string::npos);
    ASSERT_EQ(u.warnings.size(), 1u);
    EXPECT_EQ(u.warnings[0], "indicator 9 says none = \"本年度未召开\" but its folder holds files, which were added; keep one or the other");
    EXPECT_EQ(t.update(u.text).text, u.text);
}

TEST(ManifestUpdate, CommentsStayWithWhatTheyAreAbout)
{
    Tree t;
    t.add("evidence/1/a.pdf");
    t.add("evidence/3/x.pdf");
    std::string text = replace(t.init(), "  title = \"a\"\n", "  title = \"a\"\n  # 原件在档案室\n");
    text = replace(text, "id = \"2\"  # 产业发展研究报告\nnone = \"\"  # list evidence below, or say why there is none (无)",
                   "id = \"2\"  # 产业发展研究报告\nnone = \"\"  # 等年底的报告");
    text = replace(text, "\n[[indicator]]\nid = \"3\"", "\n# 第三项：平台\n[[indicator]]\nid = \"3\"");
    t.add("evidence/1/b.pdf");
    t.add("evidence/2/r.pdf");
    t.add("evidence/3/y.pdf");
    auto u = t.update(text);
    ASSERT_TRUE(u.ok());
    // An indented comment stays under its entry; a comment at the line's start stays above what follows.
    EXPECT_NE(u.text.find("  title = \"a\"\n  # 原件在档案室\n\n  [[indicator.evidence]]\n  file = \"evidence/1/b.pdf\"\n"),
              std::string::npos)
        << u.text;
    EXPECT_NE(u.text.find("  title = \"y\"\n\n[[indicator]]\nid = \"4\""), std::string::npos) << u.text;
    EXPECT_NE(u.text.find("\n# 第三项：平台\n[[indicator]]\nid = \"3\""), std::string::npos) << u.text;
    // The placeholder gives way; the clerk's comment on it stays.
    EXPECT_EQ(section(u.text, "id = \"2\""), "id = \"2\"  # 产业发展研究报告\n"
                                             "# 等年底的报告\n"
                                             "\n"
                                             "  [[indicator.evidence]]\n"
                                             "  file = \"evidence/2/r.pdf\"\n"
                                             "  title = \"r\"\n"
                                             "\n"
                                             "# 第三项：平台");
    EXPECT_EQ(t.update(u.text).text, u.text);
}

TEST(ManifestUpdate, ADroppedEntryLeavesTheCommentAboveTheNextOneAndRoomForANewOne)
{
    Tree t;
    t.add("evidence/1/照片 1.pdf");
    t.add("evidence/1/照片 3.pdf");
    t.add("evidence/1/照片 9.pdf");
    std::string text = replace(t.init(), "  [[indicator.evidence]]\n  file = \"evidence/1/照片 9.pdf\"",
                               "  # 这张以后换成清晰的\n  [[indicator.evidence]]\n  file = \"evidence/1/照片 9.pdf\"");
    t.remove("evidence/1/照片 3.pdf");
    t.add("evidence/1/照片 5 扫描.pdf"); // goes where 3 was: before the comment of 9
    auto u = t.update(text);
    ASSERT_TRUE(u.ok());
    EXPECT_EQ(section(u.text, "id = \"1\""), "id = \"1\"  # 举办促进行业发展的会议、活动及参加展会等相关证明材料\n"
                                             "\n"
                                             "  [[indicator.evidence]]\n"
                                             "  file = \"evidence/1/照片 1.pdf\"\n"
                                             "  title = \"照片 1\"\n"
                                             "\n"
                                             "  [[indicator.evidence]]\n"
                                             "  file = \"evidence/1/照片 5 扫描.pdf\"\n"
                                             "  title = \"照片 5 扫描\"\n"
                                             "\n"
                                             "  # 这张以后换成清晰的\n"
                                             "  [[indicator.evidence]]\n"
                                             "  file = \"evidence/1/照片 9.pdf\"\n"
                                             "  title = \"照片 9\"\n");
    EXPECT_EQ(t.update(u.text).text, u.text);
}

TEST(ManifestUpdate, CrlfAndAMissingLastLineBreakAreKept)
{
    Tree t;
    t.add("evidence/1/a.pdf");
    std::string text = t.init();
    std::string crlf;
    for (char c : text) {
        crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    }
    crlf.erase(crlf.size() - 2); // Notepad leaves the last line without one
    t.add("evidence/9/z.pdf");
    auto u = t.update(crlf);
    ASSERT_TRUE(u.ok());
    EXPECT_EQ(u.text.find("\n", 0) - 1, u.text.find("\r\n"));
    std::size_t lf = 0, cr = 0;
    for (std::size_t i = 0; i < u.text.size(); ++i) {
        lf += u.text[i] == '\n';
        cr += u.text[i] == '\n' && i > 0 && u.text[i - 1] == '\r';
    }
    EXPECT_EQ(lf, cr);
    EXPECT_NE(u.text.find("\r\n  [[indicator.evidence]]\r\n  file = \"evidence/9/z.pdf\"\r\n  title = \"z\"\r\n"), std::string::npos);
    EXPECT_EQ(t.update(u.text).text, u.text);
}

TEST(ManifestUpdate, ARenamedFileKeepsItsEntry)
{
    Tree t;
    t.add("evidence/1/会议纪要 2024.pdf");
    std::string text = replace(t.init(), "title = \"会议纪要 2024\"", "title = \"年会纪要\"\n  date = 2024-04-20");
    t.remove("evidence/1/会议纪要 2024.pdf");
    t.add("evidence/1/会议纪要2024.pdf");
    auto u = t.update(text);
    EXPECT_EQ(u.text, text);
    ASSERT_EQ(u.warnings.size(), 1u);
    EXPECT_EQ(u.warnings[0], "'evidence/1/会议纪要 2024.pdf' does not exist, but '会议纪要2024.pdf' beside it does: the entry "
                             "is kept and that file not added; correct the entry's name");
}

TEST(ManifestUpdate, ASyntaxErrorChangesNothing)
{
    Tree t;
    t.add("evidence/1/a.pdf");
    std::string text = replace(t.init(), "title = \"\"  ", "title = “某某”  ");
    t.add("evidence/1/b.pdf");
    auto u = t.update(text);
    EXPECT_FALSE(u.ok());
    EXPECT_EQ(u.text, text);
    ASSERT_FALSE(u.problems.items().empty());
    EXPECT_EQ(u.problems.items()[0].code, "curly-quote");
}

TEST(ManifestUpdate, TheEvidenceFolderIsTheOneTheManifestsFilesAreIn)
{
    Tree t;
    std::filesystem::create_directories(t.dir.path() + "/evidence");
    std::string text = t.init(); // nothing listed yet
    EXPECT_THROW(t.update(text), UsageError);
    t.add("a/1/x.pdf");
    t.add("b/2/y.pdf");
    std::string two = replace(replace(text, "id = \"1\"  # 举办促进行业发展的会议、活动及参加展会等相关证明材料\nnone = \"\"  # list evidence below, or say why there is none (无)",
                                      "id = \"1\"\n  [[indicator.evidence]]\n  file = \"a/1/x.pdf\"\n  title = \"x\""),
                              "id = \"2\"  # 产业发展研究报告\nnone = \"\"  # list evidence below, or say why there is none (无)",
                              "id = \"2\"\n  [[indicator.evidence]]\n  file = \"b/2/y.pdf\"\n  title = \"y\"");
    try {
        t.update(two);
        FAIL() << "no error";
    } catch (const UsageError& e) {
        EXPECT_NE(std::string(e.what()).find("lists files from several evidence folders (a, b); give --evidence DIR"),
                  std::string::npos);
    }
    EXPECT_TRUE(t.update(two, "a").ok());
}

// Many rounds of scans added and removed, titles typed in between: after every update the
// manifest parses, lists exactly the files there are, keeps every typed title, and a second
// update changes nothing.
TEST(ManifestUpdate, ManyRoundsOfChangesKeepTheManifestTrue)
{
    Tree t;
    std::mt19937 rng(15);
    const char* folders[] = {"1", "02-报告", "（3）平台", "第4类 项目", "五-协议", "6", "07", "【8】", "九、纪要"};
    std::set<std::string> present;
    std::map<std::string, std::string> typed; // file -> the title line typed for it
    std::map<std::string, std::string> noted; // file -> the comment typed above its entry
    std::vector<std::string> headings;        // comments typed above an [[indicator]]
    auto add = [&] {
        std::string rel = std::string("evidence/") + folders[rng() % 9] + "/扫描 " + std::to_string(rng() % 30) + ".pdf";
        t.add(rel);
        present.insert(rel);
    };
    add();
    std::string text = t.init();
    for (int round = 0; round < 30; ++round) {
        if (round % 2 == 0) {
            for (auto n = rng() % 4 + 1; n > 0; --n) {
                add();
            }
        } else {
            for (auto n = rng() % 3; n > 0 && present.size() > 1; --n) {
                auto it = std::next(present.begin(), static_cast<long>(rng() % present.size()));
                t.remove(*it);
                typed.erase(*it);
                noted.erase(*it);
                present.erase(it);
            }
        }
        // The clerk types a title for one listed file.
        auto it = std::next(present.begin(), static_cast<long>(rng() % present.size()));
        std::string stem = it->substr(it->rfind('/') + 1, it->size() - it->rfind('/') - 5);
        std::string from = "file = \"" + *it + "\"\n  title = \"" + stem + "\"";
        if (text.find(from) != std::string::npos) {
            std::string line = "title = \"第 " + std::to_string(round) + " 轮\"  # 核对过";
            text.replace(text.find(from), from.size(), "file = \"" + *it + "\"\n  " + line);
            typed[*it] = line;
        }
        // ... a note above another entry, and a heading above an indicator.
        it = std::next(present.begin(), static_cast<long>(rng() % present.size()));
        std::string header = "  [[indicator.evidence]]\n  file = \"" + *it + "\"";
        if (text.find(header) != std::string::npos && !noted.count(*it)) {
            noted[*it] = "  # 备注 " + std::to_string(round);
            text.insert(text.find(header), noted[*it] + "\n");
        }
        std::string indicator = "\n[[indicator]]\nid = \"" + std::to_string(round / 5 + 1) + "\"";
        if (round % 5 == 0 && text.find(indicator) != std::string::npos) {
            headings.push_back("# 第 " + std::to_string(round) + " 轮的说明");
            text.insert(text.find(indicator) + 1, headings.back() + "\n");
        }

        auto u = t.update(text);
        ASSERT_TRUE(u.ok()) << "round " << round;
        Diagnostics diags;
        auto m = manifest::parse(u.text, t.manifest(), diags);
        ASSERT_TRUE(m) << "round " << round << "\n" << u.text;
        for (const Diagnostic& d : diags.items()) {
            EXPECT_NE(d.code, "toml-syntax") << d.to_string();
        }
        std::set<std::string> listed;
        for (const auto& e : m->indicators) {
            for (const auto& ev : e.evidence) {
                EXPECT_TRUE(listed.insert(ev.file).second) << ev.file << " twice in round " << round;
            }
        }
        EXPECT_EQ(listed, present) << "round " << round;
        for (const auto& [file, line] : typed) {
            EXPECT_NE(u.text.find("file = \"" + file + "\"\n  " + line), std::string::npos) << file << " round " << round;
        }
        for (const auto& [file, note] : noted) {
            EXPECT_NE(u.text.find(note + "\n  [[indicator.evidence]]\n  file = \"" + file + "\""), std::string::npos)
                << file << " round " << round;
        }
        for (const std::string& heading : headings) {
            EXPECT_NE(u.text.find("\n" + heading + "\n[[indicator]]\n"), std::string::npos) << heading;
        }
        EXPECT_EQ(t.update(u.text).text, u.text) << "round " << round;
        text = u.text;
    }
}
