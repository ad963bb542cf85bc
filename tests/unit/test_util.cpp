#include "util/atomic_file.hpp"
#include "util/diagnostic.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/progress.hpp"
#include "util/unicode.hpp"

#include <cstdlib>
#include <dirent.h>
#include <filesystem>
#include <gtest/gtest.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <fcntl.h>
#include <unistd.h>
#include <vector>

using namespace evpack;

namespace {

// A folder of the test's own, removed when the test ends.
struct ScratchDir
{
    ScratchDir()
    {
        std::string templ = "/tmp/evpack-test-XXXXXX";
        path = ::mkdtemp(templ.data());
    }
    ~ScratchDir() { std::filesystem::remove_all(path); }
    std::string path;
};

int entries(const std::string& dir)
{
    int n = 0;
    DIR* d = opendir(dir.c_str());
    while (dirent* e = readdir(d)) {
        n += std::string(e->d_name) != "." && std::string(e->d_name) != "..";
    }
    closedir(d);
    return n;
}

} // namespace

TEST(UtilAtomicFile, NothingIsLeftWhenNotCommitted)
{
    ScratchDir scratch;
    const std::string& dir = scratch.path;
    {
        util::AtomicFile f(dir + "/out.pdf");
        f.write("partial");
    }
    EXPECT_EQ(entries(dir), 0);
}

TEST(UtilAtomicFile, CommitReplacesThePreviousVersionWhole)
{
    ScratchDir scratch;
    const std::string& dir = scratch.path;
    util::write_file_atomic(dir + "/out.txt", "old");
    {
        util::AtomicFile f(dir + "/out.txt");
        f.write("new, unfinished");
        EXPECT_EQ(util::read_file(dir + "/out.txt"), "old");
    }
    EXPECT_EQ(util::read_file(dir + "/out.txt"), "old");
    util::write_file_atomic(dir + "/out.txt", "new");
    EXPECT_EQ(util::read_file(dir + "/out.txt"), "new");
    EXPECT_EQ(entries(dir), 1);
}

// A package is written behind, 32 MiB at a time (sent to the disk, then dropped from the page
// cache): the file must still come out whole and in order, and the part written first must not
// stay in the page cache.
TEST(UtilAtomicFile, LargeOutputIsWrittenWholeAndNotKeptInThePageCache)
{
    ScratchDir scratch;
    const std::string path = scratch.path + "/package.zip";
    const std::size_t block = 1 << 20;
    const std::size_t blocks = 96;
    {
        util::AtomicFile f(path);
        std::string data(block, '\0');
        for (std::size_t i = 0; i < blocks; ++i) {
            std::snprintf(data.data(), block, "block %zu", i);
            f.write(data);
        }
        f.commit();
    }
    int fd = ::open(path.c_str(), O_RDONLY);
    ASSERT_GE(fd, 0);
    struct stat st {};
    ASSERT_EQ(::fstat(fd, &st), 0);
    ASSERT_EQ(static_cast<std::size_t>(st.st_size), block * blocks);
    void* map = ::mmap(nullptr, block * blocks, PROT_READ, MAP_SHARED, fd, 0);
    ASSERT_NE(map, MAP_FAILED);
    // Page residency before anything below reads the file back.
    const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    std::vector<unsigned char> resident(32 * block / page);
    ASSERT_EQ(::mincore(map, 32 * block, resident.data()), 0);
    std::size_t cached = 0;
    for (unsigned char r : resident) {
        cached += r & 1;
    }
    const char* bytes = static_cast<const char*>(map);
    for (std::size_t i = 0; i < blocks; ++i) {
        EXPECT_EQ(std::string(bytes + i * block), "block " + std::to_string(i));
    }
    ::munmap(map, block * blocks);
    ::close(fd);
    struct statfs fs {};
    ASSERT_EQ(::statfs(scratch.path.c_str(), &fs), 0);
    if (fs.f_type == 0x01021994 /* tmpfs: the page cache is the file */) {
        GTEST_SKIP() << "the page cache of a tmpfs file is the file itself";
    }
    EXPECT_LT(cached, resident.size() / 2) << cached << " of the first " << resident.size() << " pages still cached";
}

TEST(UtilAtomicFile, UnwritableFolderIsAnIoErrorNamingTheFile)
{
    try {
        util::AtomicFile f("/nonexistent-dir/out.pdf");
        FAIL();
    } catch (const IoError& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent-dir/out.pdf"), std::string::npos);
    }
}

TEST(UtilUnicode, NormalisationAndFolding)
{
    std::string nfc = "caf\xC3\xA9";
    std::string nfd = "cafe\xCC\x81";
    EXPECT_EQ(util::nfc(nfd), nfc);
    EXPECT_EQ(util::fold_key("CAFE\xCC\x81"), util::fold_key(nfc));
    EXPECT_EQ(util::display_width("指标10"), 6u);
    EXPECT_EQ(util::truncate_width("一二三四五", 6), "一二…");
    EXPECT_FALSE(util::is_valid_utf8("\xFF"));
}

TEST(UtilDiagnostic, FormatsLikeACompiler)
{
    Diagnostic d{Severity::error, Position{"evpack.toml", 42, 3}, "file-missing", "gone"};
    EXPECT_EQ(d.to_string(), "evpack.toml:42:3: error: gone [file-missing]");
    Error e(Position{"a.pdf"}, "broken");
    EXPECT_STREQ(e.what(), "a.pdf: broken");
}

TEST(UtilFile, SourceDateEpochIsHonouredAndValidated)
{
    ::setenv("SOURCE_DATE_EPOCH", "1609459200", 1);
    EXPECT_EQ(util::output_time(), 1609459200);
    EXPECT_EQ(util::format_date(util::output_time()), "2021-01-01");
    ::setenv("SOURCE_DATE_EPOCH", "soon", 1);
    EXPECT_THROW(util::output_time(), UsageError);
    ::unsetenv("SOURCE_DATE_EPOCH");
}

// What the progress line tells: files with pages, bytes and rate for build; megabytes for verify
// and the package; an ETA while under way.
TEST(UtilProgress, LineCountsFilesPagesBytesRateAndEta)
{
    util::Progress build("build", 1402, util::Progress::Unit::files, false);
    build.tally(1210, 210000000);
    build.advance(701, "scans/a.pdf");
    EXPECT_EQ(build.line(2.0), "build [############------------] 701/1402 files · 1210 pages · 210 MB · 105 MB/s · ETA 2s  scans/a.pdf");

    util::Progress verify("verify", 1141000000, util::Progress::Unit::bytes, false);
    verify.advance(285250000, "data/appendix.pdf");
    EXPECT_EQ(verify.line(0.5), "verify [######------------------] 285/1141 MB · 571 MB/s · ETA 2s  data/appendix.pdf");
    // No rate before half a second; small sizes in tenths; no ETA when done.
    util::Progress package("package", 400000, util::Progress::Unit::bytes, false);
    package.advance(400000);
    EXPECT_EQ(package.line(0.1), "package [########################] 0.4/0.4 MB");
}
