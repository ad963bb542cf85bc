#include "verify/checks.hpp"

#include "crypto/sha256.hpp"

#include <gtest/gtest.h>

using namespace evpack;

namespace {

std::string sha256(const std::string& s)
{
    crypto::Sha256 h;
    h.update(s.data(), s.size());
    return h.digest();
}

std::string file_of(std::size_t n)
{
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i) {
        s[i] = static_cast<char>((i * 7919) >> 8);
    }
    return s;
}

} // namespace

TEST(VerifySignedBytes, DigestLeavesOutTheSlotWhateverTheChunksAndTheSizeExpected)
{
    const std::string file = file_of(5 * verify::SignedBytes::tail_bytes + 12345);
    const std::uint64_t from = file.size() - 40000, to = file.size() - 30000;
    // The size expected may be right, unknown, or wrong (a hostile archive): digests stay right.
    // (The reader hands out exactly a stored entry's size; the test lies anyway.)
    for (std::optional<std::uint64_t> expected : {std::optional<std::uint64_t>(file.size()), std::optional<std::uint64_t>(),
                                                  std::optional<std::uint64_t>(file.size() - 50000),
                                                  std::optional<std::uint64_t>(file.size() + 3000000)})
    for (std::size_t chunk : {std::size_t{1} << 16, std::size_t{777777}, file.size()}) {
        verify::SignedBytes bytes;
        if (expected) {
            bytes.expect_size(*expected);
        }
        for (std::size_t i = 0; i < file.size(); i += chunk) {
            bytes.update(file.data() + i, std::min(chunk, file.size() - i));
        }
        ASSERT_EQ(bytes.size(), file.size());
        EXPECT_EQ(bytes.hex_digest(), crypto::sha256_hex(file)) << chunk;
        auto d = bytes.digest_without(from, to);
        // Told more bytes than come, the slot may already be hashed: then no digest, never a wrong one.
        if (expected && *expected > file.size()) {
            EXPECT_FALSE(d);
            continue;
        }
        ASSERT_TRUE(d) << chunk;
        EXPECT_EQ(d->first, sha256(file.substr(0, from) + file.substr(to))) << chunk;
        EXPECT_EQ(d->second, file.substr(from, to - from));
    }
}

TEST(VerifySignedBytes, ASlotBeforeTheTailOrBeyondTheFileIsNotHashed)
{
    const std::string file = file_of(3 * verify::SignedBytes::tail_bytes);
    verify::SignedBytes bytes;
    bytes.update(file.data(), file.size());
    EXPECT_FALSE(bytes.digest_without(100, 200));
    EXPECT_FALSE(bytes.digest_without(file.size() - 10, file.size() + 10));
    EXPECT_FALSE(bytes.digest_without(file.size() - 10, file.size() - 20));
}
