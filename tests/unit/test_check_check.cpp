#include "check/check.hpp"
#include "check/report.hpp"
#include "crypto/sha256.hpp"
#include "helpers.hpp"
#include "util/atomic_file.hpp"
#include "util/file.hpp"

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>
#include <unistd.h>

using namespace evpack;
using namespace evpack::test;
using evpack::check::format_diagnostics;
using evpack::check::format_json;

namespace {

std::string ev_entry(const std::string& file, const std::string& extra = "")
{
    return "  [[indicator.evidence]]\n  file = \"" + file + "\"\n  title = \"t\"\n" + extra;
}

std::string one_file(const std::string& file, const std::string& extra = "")
{
    return gz_head() + "[[indicator]]\nid = \"1\"\n" + ev_entry(file, extra) + gz_rest(2);
}

} // namespace

TEST(Check, CompleteManifestPasses)
{
    auto r = check_text(one_file("contract.pdf"));
    EXPECT_TRUE(r.ok()) << format_diagnostics(r.diagnostics);
    EXPECT_EQ(r.total_pages(), 3);
    EXPECT_EQ(r.summary.size(), 25u);
    EXPECT_EQ(r.summary[0].status, "ok");
    EXPECT_EQ(r.summary[1].status, "无");
}

TEST(Check, OutOfOrderIndicatorIsReportedAtItsId)
{
    std::string text = gz_head() + "[[indicator]]\nid = \"2\"\nnone = \"无\"\n[[indicator]]\nid = \"1\"\nnone = \"无\"\n" + gz_rest(3);
    auto r = check_text(text);
    const Diagnostic* d = find_code(r, "indicator-order");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->position.line, 14u); // 9 header lines, then [[indicator]] id "2" none, [[indicator]] id "1"
    EXPECT_EQ(d->position.column, 6u);
    EXPECT_NE(d->message.find("before indicator 2"), std::string::npos);
    EXPECT_FALSE(r.ok());
}

TEST(Check, MissingUnknownDuplicateNeitherAndBoth)
{
    std::string text = gz_head() + "[[indicator]]\nid = \"1\"\n" // neither
        + "[[indicator]]\nid = \"2\"\nnone = \"无\"\n" + ev_entry("minutes.pdf") // both
        + "[[indicator]]\nid = \"2\"\nnone = \"无\"\n" // duplicate
        + "[[indicator]]\nid = \"99\"\nnone = \"无\"\n" // unknown
        + gz_rest(4);                                 // 3 missing
    auto r = check_text(text);
    EXPECT_EQ(count_code(r, "indicator-empty"), 1u);
    EXPECT_EQ(count_code(r, "indicator-both"), 1u);
    EXPECT_EQ(count_code(r, "duplicate-indicator"), 1u);
    EXPECT_EQ(count_code(r, "unknown-indicator"), 1u);
    ASSERT_EQ(count_code(r, "missing-indicator"), 1u);
    EXPECT_NE(find_code(r, "missing-indicator")->message.find("indicator 3 "), std::string::npos);
    EXPECT_EQ(r.summary[2].status, "missing");
    EXPECT_EQ(r.summary.back().status, "unknown");
}

TEST(Check, EmptyNoneIsAPlaceholderToFill)
{
    auto r = check_text(gz_head() + "[[indicator]]\nid = \"1\"\nnone = \"\"\n" + gz_rest(2));
    EXPECT_EQ(count_code(r, "none-reason"), 1u);
    EXPECT_FALSE(r.ok());
}

struct BadFile
{
    const char* file;
    const char* code;
    const char* words;
};

class CheckBadFile : public ::testing::TestWithParam<BadFile>
{
};

TEST_P(CheckBadFile, IsAnErrorNamingTheFileAtItsLine)
{
    const BadFile& p = GetParam();
    auto r = check_text(one_file(p.file));
    const Diagnostic* d = find_code(r, p.code);
    ASSERT_NE(d, nullptr) << format_diagnostics(r.diagnostics);
    EXPECT_EQ(d->severity, Severity::error);
    EXPECT_EQ(d->position.line, 13u);
    EXPECT_EQ(d->position.column, 10u);
    EXPECT_NE(d->message.find(p.file), std::string::npos) << d->message;
    EXPECT_NE(d->message.find(p.words), std::string::npos) << d->message;
    EXPECT_FALSE(r.ok());
}

INSTANTIATE_TEST_SUITE_P(
    Inputs, CheckBadFile,
    ::testing::Values(BadFile{"nope.pdf", "file-missing", "does not exist"},
                      BadFile{"a-folder.pdf", "file-is-directory", "directory"},
                      BadFile{"escape.pdf", "file-outside", "outside the manifest's folder"},
                      BadFile{"../outside.pdf", "file-outside", "outside"},
                      BadFile{"/etc/hostname", "file-outside", "absolute"},
                      BadFile{"truncated.pdf", "pdf-invalid", "truncated"},
                      BadFile{"garbage.pdf", "pdf-invalid", "PDF"},
                      BadFile{"empty.pdf", "file-type", "empty file"},
                      BadFile{"not-a-pdf.txt.pdf", "file-type", "text file"},
                      BadFile{"document.docx", "office-unreadable", "ZIP directory is missing"},
                      BadFile{"encrypted-aes.pdf", "pdf-encrypted", "password"},
                      BadFile{"encrypted-rc4.pdf", "pdf-encrypted", "password"},
                      BadFile{"truncated.jpg", "image-invalid", "truncated"},
                      BadFile{"bad-crc.png", "image-invalid", "CRC"}),
    [](const ::testing::TestParamInfo<BadFile>& param_info) {
        std::string name;
        for (char c : std::string(param_info.param.file)) {
            name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
        }
        return name;
    });

TEST(Check, ChineseFileNameWithSpacesWorks)
{
    auto r = check_text(one_file("中文 文件名 合同.pdf"));
    EXPECT_TRUE(r.ok()) << format_diagnostics(r.diagnostics);
}

TEST(Check, SymlinkInsideTheFolderIsFine)
{
    auto r = check_text(one_file("link-inside.pdf"));
    EXPECT_TRUE(r.ok()) << format_diagnostics(r.diagnostics);
}

TEST(Check, PngNamedPdfIsBoundAsAnImageWithAWarning)
{
    auto r = check_text(one_file("png-named.pdf"));
    EXPECT_TRUE(r.ok());
    const Diagnostic* d = find_code(r, "file-extension");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->severity, Severity::warning);
    EXPECT_NE(d->message.find("PNG image"), std::string::npos);
    EXPECT_EQ(r.evidence[0][0].facts.type.type, evidence::FileType::png);
}

TEST(Check, DamagedXrefIsRepairableWithAWarning)
{
    auto r = check_text(one_file("damaged-xref.pdf"));
    EXPECT_TRUE(r.ok()) << format_diagnostics(r.diagnostics);
    ASSERT_NE(find_code(r, "pdf-repaired"), nullptr);
    EXPECT_EQ(r.evidence[0][0].pages, 2);
    EXPECT_TRUE(r.evidence[0][0].repaired);
}

TEST(Check, OwnerPasswordOnlyIsAWarning)
{
    auto r = check_text(one_file("owner-only.pdf"));
    EXPECT_TRUE(r.ok());
    EXPECT_NE(find_code(r, "pdf-encrypted-owner"), nullptr);
}

TEST(Check, ImagesCountTheirPages)
{
    std::string text = gz_head() + "[[indicator]]\nid = \"1\"\n" + ev_entry("scans-g4.tif") + ev_entry("photo.jpg")
        + ev_entry("alpha.png") + gz_rest(2);
    auto r = check_text(text);
    EXPECT_TRUE(r.ok()) << format_diagnostics(r.diagnostics);
    EXPECT_EQ(r.evidence[0][0].pages, 3);
    EXPECT_EQ(r.summary[0].pages, 5);
}

TEST(Check, SameContentTwiceIsAnError)
{
    std::string text = gz_head() + "[[indicator]]\nid = \"1\"\n" + ev_entry("minutes.pdf") + "[[indicator]]\nid = \"2\"\n"
        + ev_entry("link-inside.pdf") + gz_rest(3);
    auto r = check_text(text);
    const Diagnostic* d = find_code(r, "duplicate-content");
    ASSERT_NE(d, nullptr);
    EXPECT_NE(d->message.find("same content as 'minutes.pdf'"), std::string::npos);
}

// check alone hashes only files that share a size (the only ones that can be duplicates); build
// hashes every file, to catch one that changes before it is packaged.
TEST(Check, OnlyFilesOfOneSizeAreHashedUnlessBuilding)
{
    std::string templ = "/tmp/evpack-test-XXXXXX";
    const std::string dir = ::mkdtemp(templ.data());
    std::string minutes = util::read_file(test::data_dir() + "/minutes.pdf");
    std::string altered = minutes;
    altered[altered.size() - 1] = altered.back() == ' ' ? '\n' : ' ';
    util::write_file_atomic(dir + "/a.pdf", minutes);
    util::write_file_atomic(dir + "/b.pdf", altered);
    util::write_file_atomic(dir + "/c.pdf", util::read_file(test::data_dir() + "/contract.pdf"));
    std::string text = gz_head() + "[[indicator]]\nid = \"1\"\n" + ev_entry("a.pdf") + ev_entry("b.pdf") + ev_entry("c.pdf")
        + gz_rest(2);
    auto alone = check::run_text(text, dir + "/evpack.toml");
    check::Options building;
    building.hash_files = true;
    auto built = check::run_text(text, dir + "/evpack.toml", building);
    std::filesystem::remove_all(dir);

    EXPECT_EQ(find_code(alone, "duplicate-content"), nullptr);
    ASSERT_EQ(alone.evidence[0].size(), 3u);
    EXPECT_EQ(alone.evidence[0][0].facts.sha256, crypto::sha256_hex(minutes));
    EXPECT_EQ(alone.evidence[0][1].facts.sha256, crypto::sha256_hex(altered));
    EXPECT_TRUE(alone.evidence[0][2].facts.sha256.empty());
    EXPECT_EQ(built.evidence[0][2].facts.sha256.size(), 64u);
    EXPECT_EQ(find_code(built, "duplicate-content"), nullptr);
}

TEST(Check, JointWorkNeedsEnoughRosterMembersAndMarksThreeOrMore)
{
    std::string text = gz_head();
    for (int i = 1; i <= 9; ++i) {
        text += "[[indicator]]\nid = \"" + std::to_string(i) + "\"\nnone = \"无\"\n";
    }
    text += "[[indicator]]\nid = \"10\"\n" + ev_entry("contract.pdf", "  members = [\"甲\"]\n")
        + ev_entry("minutes.pdf", "  members = [\"甲\", \"丁\"]\n")
        + ev_entry("twelve.pdf", "  members = [\"甲\", \"乙\", \"丙\"]\n") + ev_entry("mixed.pdf") + gz_rest(11);
    auto r = check_text(text);
    EXPECT_EQ(count_code(r, "joint-too-few"), 2u); // one member; none at all
    const Diagnostic* unknown = find_code(r, "member-unknown");
    ASSERT_NE(unknown, nullptr);
    EXPECT_NE(unknown->message.find("'丁'"), std::string::npos);
    EXPECT_FALSE(r.evidence[9][0].marked);
    EXPECT_TRUE(r.evidence[9][2].marked);
    EXPECT_EQ(count_code(r, "joint-marked"), 1u);
}

TEST(Check, DateOutsideThePeriodIsAWarning)
{
    auto r = check_text(one_file("contract.pdf", "  date = 2021-01-05\n"));
    const Diagnostic* d = find_code(r, "date-outside");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->severity, Severity::warning);
    EXPECT_TRUE(r.ok());
}

TEST(Check, KindsAreCheckedAgainstTheForm)
{
    std::string text = "form = \"shanxi-2025\"\ntitle = \"T\"\norganization = \"O\"\n";
    for (int i = 1; i <= 9; ++i) {
        text += "[[indicator]]\nid = \"" + std::to_string(i) + "\"\n";
        if (i == 4) {
            text += ev_entry("contract.pdf", "  kind = \"photo\"\n");
        } else if (i == 5) {
            text += ev_entry("minutes.pdf", "  kind = \"fax\"\n");
        } else {
            text += "none = \"无\"\n";
        }
    }
    auto r = check_text(text);
    ASSERT_NE(find_code(r, "kind-unexpected"), nullptr);
    EXPECT_EQ(find_code(r, "kind-unexpected")->severity, Severity::warning);
    ASSERT_NE(find_code(r, "kind-unknown"), nullptr);
    EXPECT_EQ(find_code(r, "kind-unknown")->severity, Severity::error);
}

TEST(Check, NamesThatDifferOnlyByNormalisationClash)
{
    // The same name in NFC and NFD: on Linux these are two different files.
    std::string dir = data_dir();
    std::string nfc = dir + "/caf\xC3\xA9.pdf";
    std::string nfd = dir + "/cafe\xCC\x81.pdf";
    ::unlink(nfc.c_str());
    ::unlink(nfd.c_str());
    ASSERT_EQ(::symlink("minutes.pdf", nfc.c_str()), 0);
    ASSERT_EQ(::symlink("contract.pdf", nfd.c_str()), 0);
    std::string text = gz_head() + "[[indicator]]\nid = \"1\"\n" + ev_entry("caf\xC3\xA9.pdf") + ev_entry("CAFE\xCC\x81.pdf") + gz_rest(2);
    auto r = check_text(text);
    EXPECT_NE(find_code(r, "file-name-clash"), nullptr) << format_diagnostics(r.diagnostics);
    ::unlink(nfc.c_str());
    ::unlink(nfd.c_str());
}

TEST(Check, AnNfdNameOnDiskIsBoundUnderTheManifestsNfcName)
{
    // Copied from a Mac: the name on disk is decomposed; the manifest (like init) writes NFC.
    std::string nfd = data_dir() + "/re\xCC\x81sume\xCC\x81.pdf";
    ::unlink(nfd.c_str());
    ASSERT_EQ(::symlink("contract.pdf", nfd.c_str()), 0);
    auto r = check_text(one_file("r\xC3\xA9sum\xC3\xA9.pdf"));
    ::unlink(nfd.c_str());
    EXPECT_TRUE(r.ok()) << format_diagnostics(r.diagnostics);
    EXPECT_EQ(r.evidence[0][0].path, nfd);
    EXPECT_EQ(r.evidence[0][0].pages, 3);
}

TEST(Check, APathListedTwiceIsOneFindingNotADuplicateOfItself)
{
    std::string text = gz_head() + "[[indicator]]\nid = \"1\"\n" + ev_entry("minutes.pdf") + ev_entry("contract.pdf")
        + "[[indicator]]\nid = \"2\"\n" + ev_entry("./minutes.pdf") + gz_rest(3);
    auto r = check_text(text);
    ASSERT_EQ(r.diagnostics.items().size(), 1u) << format_diagnostics(r.diagnostics);
    EXPECT_EQ(r.diagnostics.items()[0].to_string(),
              data_dir() + "/test.toml:21:10: error: './minutes.pdf' is listed twice (lines 13 and 21); remove one, or cite it here with see = \"1-1\" [file-listed-twice]");
}

TEST(Check, NamesThatAreNearlyRightGetTheNearestRealOne)
{
    std::string text = gz_head() + "[[indicator]]\nid = \"1\"\n"
        + ev_entry("Contract.pdf", "  members = [\"甲\", \"乙 \"]\n") + "[[indicator]]\nid = \"２\"\nnone = \"无\"\n"
        + gz_rest(2);
    auto r = check_text(text);
    const Diagnostic* file = find_code(r, "file-missing");
    ASSERT_NE(file, nullptr);
    EXPECT_EQ(file->message, "evidence file 'Contract.pdf' does not exist; did you mean 'contract.pdf'?");
    const Diagnostic* member = find_code(r, "member-unknown");
    ASSERT_NE(member, nullptr);
    EXPECT_EQ(member->position.to_string(), data_dir() + "/test.toml:15:19"); // the name itself, not the array
    EXPECT_EQ(member->message, "'乙 ' is not in the alliance roster ([[member]]); did you mean '乙'?");
    const Diagnostic* id = find_code(r, "unknown-indicator");
    ASSERT_NE(id, nullptr);
    EXPECT_EQ(id->message, "form 'guangzhou-2020' has no indicator '２'; did you mean '2'?");
}

TEST(CheckReport, JsonCarriesDiagnosticsAndTheTable)
{
    auto r = check_text(one_file("nope.pdf"));
    std::string json = format_json(r);
    EXPECT_NE(json.find("\"ok\": false"), std::string::npos);
    EXPECT_NE(json.find("\"code\": \"file-missing\""), std::string::npos);
    EXPECT_NE(json.find("\"line\": 13"), std::string::npos);
    EXPECT_NE(json.find("\"status\": \"error\""), std::string::npos);
}
