#include "package/reader.hpp"
#include "util/error.hpp"
#include "util/file.hpp"

#include <gtest/gtest.h>

using namespace evpack;

namespace {

std::string archive(const char* name) { return std::string(EVPACK_TEST_DATA) + "/archives/" + name; }

std::string read_entry(package::ArchiveReader& r)
{
    std::string out;
    r.read([&](const char* p, std::size_t n) { out.append(p, n); });
    return out;
}

// verify parses stored entries where they lie in the package: the range must hold exactly the
// bytes the entry is, and must not be offered for a compressed entry.
TEST(ArchiveReader, StoredZipEntriesAreOfferedInPlaceAndReadFromThere)
{
    package::ArchiveReader r(archive("mixed.zip"));
    ASSERT_TRUE(r.next());
    EXPECT_EQ(r.name(), "bag/data/deflated.txt");
    EXPECT_FALSE(r.stored_range().has_value());
    std::string text = read_entry(r);
    EXPECT_EQ(text.size(), 9000u);
    EXPECT_EQ(text.substr(0, 9), "deflated ");

    for (const char* source : {"contract.pdf", "minutes.pdf"}) {
        ASSERT_TRUE(r.next());
        EXPECT_EQ(r.name().rfind("bag/data/stored", 0), 0u) << r.name();
        std::optional<package::ArchiveReader::Range> range = r.stored_range();
        ASSERT_TRUE(range.has_value()) << r.name();
        std::string bytes = read_entry(r);
        EXPECT_EQ(bytes, util::read_file(std::string(EVPACK_TEST_DATA) + "/files/" + source));
        EXPECT_EQ(range->size, bytes.size());
        EXPECT_EQ(util::read_file(util::FileRange(archive("mixed.zip"), range->offset, range->size)), bytes);
    }
    EXPECT_FALSE(r.next());
}

TEST(FileRange, ReadPastTheEndOfTheFileIsAnError)
{
    std::string path = std::string(EVPACK_TEST_DATA) + "/files/contract.pdf";
    auto size = util::read_file(path).size();
    EXPECT_EQ(util::read_file(util::FileRange(path, 1, 4)), util::read_file(path).substr(1, 4));
    EXPECT_THROW(util::read_file(util::FileRange(path, size - 2, 4)), IoError);
}

} // namespace
