#include "office/render.hpp"

#include "helpers.hpp"
#include "util/file.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <string>
#include <sys/stat.h>
#include <thread>

using namespace evpack;

namespace {

// A stand-in for soffice: logs each call, says a version, and for each input "converts" it by
// copying a real PDF to <outdir>/<name>.pdf, unless the input's content says FAIL (no output, as
// LibreOffice does for a file it cannot read), HANG (it never finishes) or BLANK (an empty page).
const char* fake_soffice = R"(#!/bin/sh
echo "$*" >> "$FAKE_LOG"
[ "$1" = --version ] && { echo "LibreOffice 9.9.9.9 fake"; exit 0; }
out=
while [ $# -gt 0 ]; do
  case $1 in
    --outdir) out=$2; shift 2;;
    -*) shift;;
    *) base=$(basename "$1"); base=${base%.*}
       if grep -q HANG "$1"; then sleep 60
       elif grep -q BLANK "$1"; then cp "$FAKE_BLANK" "$out/$base.pdf"
       elif ! grep -q FAIL "$1"; then cp "$FAKE_PDF" "$out/$base.pdf"; fi
       shift;;
  esac
done
exit 0
)";

class OfficeRender : public test::ScratchDir
{
protected:
    void SetUp() override
    {
        ScratchDir::SetUp();
        std::string program = dir + "/soffice";
        std::ofstream(program) << fake_soffice;
        ::chmod(program.c_str(), 0755);
        // A page with nothing painted on it.
        std::ofstream(dir + "/blank.pdf") << "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                                             "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                                             "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
                                             "trailer<</Root 1 0 R>>\n%%EOF\n";
        ::setenv("EVPACK_SOFFICE", program.c_str(), 1);
        ::setenv("FAKE_LOG", (dir + "/calls").c_str(), 1);
        ::setenv("FAKE_PDF", (test::data_dir() + "/minutes.pdf").c_str(), 1);
        ::setenv("FAKE_BLANK", (dir + "/blank.pdf").c_str(), 1);
        ::setenv("SOURCE_DATE_EPOCH", "1609459200", 1);
    }
    void TearDown() override
    {
        for (const char* name : {"EVPACK_SOFFICE", "FAKE_LOG", "FAKE_PDF", "FAKE_BLANK", "SOURCE_DATE_EPOCH"}) {
            ::unsetenv(name);
        }
        ScratchDir::TearDown();
    }
    office::RenderRequest original(const std::string& name, const std::string& content, evidence::OfficeFormat format)
    {
        std::ofstream(dir + "/" + name) << content;
        return {dir + "/" + name, content + "-sha", format};
    }
    std::size_t calls()
    {
        std::ifstream in(dir + "/calls");
        std::size_t n = 0;
        for (std::string line; std::getline(in, line);) {
            n += line.find("--convert-to") != std::string::npos ? 1 : 0;
        }
        return n;
    }
    std::size_t cached_files()
    {
        std::size_t n = 0;
        if (std::filesystem::exists(dir + "/cache")) {
            for (auto& e : std::filesystem::directory_iterator(dir + "/cache")) {
                n += e.is_regular_file() ? 1 : 0;
            }
        }
        return n;
    }
};

} // namespace

TEST_F(OfficeRender, OneRunPerImportFilterThenTheCacheAlone)
{
    office::RenderOptions options;
    options.cache_folder = dir + "/cache";
    std::vector<office::RenderRequest> requests = {original("a.doc", "A", evidence::OfficeFormat::doc),
                                                   original("b.doc", "B", evidence::OfficeFormat::doc),
                                                   original("c.xls", "C", evidence::OfficeFormat::xls)};
    office::RenderRun first = office::render(requests, options);
    EXPECT_EQ(first.libreoffice_runs, 2);
    EXPECT_EQ(calls(), 2u); // the .doc files together, the .xls apart: --infilter applies to a whole run
    std::string log = util::read_file(dir + "/calls");
    EXPECT_NE(log.find("--infilter=MS Word 97"), std::string::npos) << log;
    EXPECT_NE(log.find("--infilter=MS Excel 97"), std::string::npos) << log;
    for (const auto& r : first.renderings) {
        ASSERT_TRUE(r.ok()) << r.error;
        EXPECT_TRUE(r.converted);
        EXPECT_EQ(r.converter, "LibreOffice 9.9.9.9 fake");
        EXPECT_EQ(r.pages, 1);
    }
    EXPECT_NE(first.renderings[0].pdf_path, first.renderings[1].pdf_path);
    office::RenderRun second = office::render(requests, options);
    EXPECT_EQ(second.libreoffice_runs, 0);
    EXPECT_EQ(calls(), 2u);
    for (std::size_t i = 0; i < requests.size(); ++i) {
        EXPECT_EQ(second.renderings[i].pdf_path, first.renderings[i].pdf_path);
        EXPECT_FALSE(second.renderings[i].converted);
        EXPECT_EQ(util::read_file(second.renderings[i].pdf_path), util::read_file(first.renderings[i].pdf_path));
    }
}

// OOXML and OpenDocument files are told by the parts LibreOffice also looks for: no filter, and
// all of them in one run per core at most.
TEST_F(OfficeRender, OoxmlAndOpenDocumentShareRunsWithoutAFilter)
{
    office::RenderOptions options;
    options.cache_folder = dir + "/cache";
    office::RenderRun run = office::render({original("a.docx", "A", evidence::OfficeFormat::docx),
                                            original("b.xlsx", "B", evidence::OfficeFormat::xlsx),
                                            original("c.pptx", "C", evidence::OfficeFormat::pptx),
                                            original("d.odt", "D", evidence::OfficeFormat::odt),
                                            original("e.ods", "E", evidence::OfficeFormat::ods)},
                                           options);
    for (const auto& r : run.renderings) {
        EXPECT_TRUE(r.ok()) << r.error;
    }
    EXPECT_EQ(calls(), std::min<std::size_t>(5, std::max(1u, std::thread::hardware_concurrency())));
    EXPECT_EQ(util::read_file(dir + "/calls").find("--infilter"), std::string::npos);
}

TEST_F(OfficeRender, WhatCannotBeConvertedIsSaidAndNothingOfItIsCached)
{
    office::RenderOptions options;
    options.cache_folder = dir + "/cache";
    office::RenderRun run = office::render({original("bad.doc", "FAIL", evidence::OfficeFormat::doc),
                                            original("blank.docx", "BLANK", evidence::OfficeFormat::docx),
                                            original("good.docx", "GOOD", evidence::OfficeFormat::docx)},
                                           options);
    ASSERT_EQ(run.renderings.size(), 3u);
    EXPECT_FALSE(run.renderings[0].ok());
    EXPECT_NE(run.renderings[0].error.find("could not read it"), std::string::npos) << run.renderings[0].error;
    EXPECT_FALSE(run.renderings[1].ok());
    EXPECT_NE(run.renderings[1].error.find("blank"), std::string::npos) << run.renderings[1].error;
    EXPECT_TRUE(run.renderings[2].ok());
    EXPECT_EQ(cached_files(), 2u); // the good one's PDF and its converter, nothing else
}

TEST_F(OfficeRender, ARunOutOfTimeIsStoppedAndSaidSo)
{
    office::RenderOptions options;
    options.cache_folder = dir + "/cache";
    options.timeout_seconds = 1;
    auto start = std::chrono::steady_clock::now();
    office::RenderRun run = office::render({original("slow.docx", "HANG", evidence::OfficeFormat::docx)}, options);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
    ASSERT_FALSE(run.renderings[0].ok());
    EXPECT_NE(run.renderings[0].error.find("did not finish"), std::string::npos) << run.renderings[0].error;
    EXPECT_EQ(cached_files(), 0u);
}

TEST_F(OfficeRender, WithoutLibreOfficeEachFileSaysHowToInstallIt)
{
    ::setenv("EVPACK_SOFFICE", (dir + "/not-installed").c_str(), 1);
    office::RenderRun run = office::render({original("a.docx", "A", evidence::OfficeFormat::docx)});
    EXPECT_TRUE(run.libreoffice_missing);
    EXPECT_NE(run.renderings[0].error.find("apt-get install libreoffice-writer-nogui"), std::string::npos);
}
