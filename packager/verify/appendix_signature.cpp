#include "verify/checks.hpp"

#include "crypto/cades.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <ctime>

namespace evpack::verify {

void SignedBytes::update(const char* data, std::size_t n)
{
    if (m_expected && m_tail.empty() && *m_expected > tail_bytes && m_hashed < *m_expected - tail_bytes) {
        std::size_t direct = static_cast<std::size_t>(std::min<std::uint64_t>(n, *m_expected - tail_bytes - m_hashed));
        m_hash.update(data, direct);
        m_hashed += direct;
        data += direct;
        n -= direct;
    }
    m_tail.append(data, n);
    // Hashed in stretches once twice the tail has gathered: each byte is moved once on average.
    if (m_tail.size() >= 2 * tail_bytes) {
        std::size_t out = m_tail.size() - tail_bytes;
        m_hash.update(m_tail.data(), out);
        m_hashed += out;
        m_tail.erase(0, out);
    }
}

std::string SignedBytes::hex_digest() const
{
    crypto::Sha256 h(m_hash);
    h.update(m_tail.data(), m_tail.size());
    return h.hex_digest();
}

std::optional<std::pair<std::string, std::string>> SignedBytes::digest_without(std::uint64_t from, std::uint64_t to)
{
    if (from < m_hashed || from > to || to > size()) {
        return std::nullopt;
    }
    std::size_t a = static_cast<std::size_t>(from - m_hashed), b = static_cast<std::size_t>(to - m_hashed);
    m_hash.update(m_tail.data(), a);
    m_hash.update(m_tail.data() + b, m_tail.size() - b);
    return std::make_pair(m_hash.digest(), m_tail.substr(a, b - a));
}

namespace {

// "D:YYYYMMDDHHmmSS" with an optional offset (Z, +hh'mm', -hh'mm') as UTC text.
std::string pdf_time_text(const std::string& d)
{
    std::string s = d.rfind("D:", 0) == 0 ? d.substr(2) : d;
    if (s.size() < 14 || s.find_first_not_of("0123456789") < 14) {
        return d;
    }
    std::tm tm{};
    tm.tm_year = std::stoi(s.substr(0, 4)) - 1900;
    tm.tm_mon = std::stoi(s.substr(4, 2)) - 1;
    tm.tm_mday = std::stoi(s.substr(6, 2));
    tm.tm_hour = std::stoi(s.substr(8, 2));
    tm.tm_min = std::stoi(s.substr(10, 2));
    tm.tm_sec = std::stoi(s.substr(12, 2));
    long offset = 0;
    if (s.size() >= 17 && (s[14] == '+' || s[14] == '-') && isdigit(static_cast<unsigned char>(s[15]))) {
        offset = std::stol(s.substr(15, 2)) * 3600;
        if (s.size() >= 20 && isdigit(static_cast<unsigned char>(s[18]))) {
            offset += std::stol(s.substr(18, 2)) * 60;
        }
        offset = s[14] == '+' ? offset : -offset;
    }
    std::time_t t = timegm(&tm) - offset;
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", gmtime_r(&t, &tm));
    return buf;
}

// The DER object at the start of a zero-padded /Contents: its length from its header.
std::string der_prefix(const std::string& padded)
{
    if (padded.size() < 2 || static_cast<unsigned char>(padded[0]) != 0x30) {
        return padded;
    }
    std::size_t len = static_cast<unsigned char>(padded[1]), header = 2;
    if (len & 0x80) {
        std::size_t bytes = len & 0x7f;
        if (bytes == 0 || bytes > 4 || padded.size() < 2 + bytes) {
            return padded;
        }
        len = 0;
        for (std::size_t i = 0; i < bytes; ++i) {
            len = len << 8 | static_cast<unsigned char>(padded[2 + i]);
        }
        header += bytes;
    }
    return header + len <= padded.size() ? padded.substr(0, header + len) : padded;
}

// Where the last /ByteRange written in text ends (b + c of [0 a b c]), for a file too damaged to parse.
std::optional<std::uint64_t> covered_end(const std::string& tail)
{
    std::size_t at = tail.rfind("/ByteRange");
    if (at == std::string::npos) {
        return std::nullopt;
    }
    at = tail.find_first_not_of(" \r\n\t", at + 10);
    long long v[4];
    if (at == std::string::npos || tail[at] != '['
        || std::sscanf(tail.c_str() + at + 1, "%lld %lld %lld %lld", &v[0], &v[1], &v[2], &v[3]) != 4 || v[2] < 0 || v[3] < 0) {
        return std::nullopt;
    }
    return static_cast<std::uint64_t>(v[2] + v[3]);
}

// The bytes of a hex string as written ("<0A1b...>").
std::string unhex(const std::string& gap, bool& ok)
{
    ok = gap.size() >= 2 && gap.front() == '<' && gap.back() == '>' && gap.size() % 2 == 0;
    std::string out;
    for (std::size_t i = 1; ok && i + 2 < gap.size(); i += 2) {
        auto digit = [&](char c) {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            ok = false;
            return 0;
        };
        out += static_cast<char>(digit(gap[i]) << 4 | digit(gap[i + 1]));
    }
    return out;
}

} // namespace

void check_appendix_signature(Collected& c, Report& r, const Options& options)
{
    const char* name = "appendix signature";
    if (!c.entries.count("data/appendix.pdf")) {
        return; // the appendix check says it is missing
    }
    auto fail = [&](const std::string& why) { r.findings.push_back({name, false, "data/appendix.pdf: " + why}); };
    SignedBytes& bytes = *c.appendix_bytes;
    // A signature cut off (its update's trailer too, so that a reader may fall back on the
    // revision before it) is found in the text: named as truncated, whatever the parser makes of it.
    if (std::optional<std::uint64_t> end = covered_end(bytes.tail()); end && *end > bytes.size()) {
        fail("truncated: its signature covers " + std::to_string(*end) + " bytes, the file has " + std::to_string(bytes.size()));
        return;
    }
    if (!c.appendix) {
        fail("cannot be checked: the file cannot be read");
        return;
    }
    const std::vector<pdf::PdfSignature>& sigs = c.appendix->signatures;
    if (sigs.empty()) {
        fail("not signed (a signed build signs the appendix with the package's key)");
        return;
    }
    if (sigs.size() > 1) {
        fail("carries " + std::to_string(sigs.size()) + " signatures; evpack signs the appendix once");
        return;
    }
    const pdf::PdfSignature& sig = sigs[0];
    r.signed_appendix = true;
    r.appendix_signing_time = pdf_time_text(sig.time);
    const std::vector<std::int64_t>& br = sig.byte_range;
    const std::uint64_t size = bytes.size();
    if (br.size() != 4 || br[0] != 0 || br[1] <= 0 || br[2] <= br[1] || br[3] < 0) {
        fail("its signature's /ByteRange is not [0 a b c] with a < b");
        return;
    }
    const std::uint64_t end = static_cast<std::uint64_t>(br[2] + br[3]);
    if (end < size) {
        fail(std::to_string(size - end) + " bytes were appended after the signed part (the signature covers "
             + std::to_string(end) + " of " + std::to_string(size) + " bytes)");
        return;
    }
    if (end > size) {
        fail("truncated: its signature covers " + std::to_string(end) + " bytes, the file has " + std::to_string(size));
        return;
    }
    auto digest = bytes.digest_without(static_cast<std::uint64_t>(br[1]), static_cast<std::uint64_t>(br[2]));
    if (!digest) {
        fail("its signature's slot is not in the file's last " + std::to_string(SignedBytes::tail_bytes >> 20)
             + " MiB, where evpack's signature update puts it");
        return;
    }
    bool hex_ok = false;
    std::string gap = unhex(digest->second, hex_ok);
    // (PoDoFo reads a hex string without its trailing zeros: the DER objects are compared.)
    const std::string cms = der_prefix(gap);
    if (!hex_ok || cms != der_prefix(sig.contents)) {
        fail("the bytes its /ByteRange leaves out are not its /Contents");
        return;
    }
    r.appendix_signature = crypto::verify_cades(cms, digest->first, options.trust);
    const crypto::CadesCheck& a = r.appendix_signature;
    if (!a.valid) {
        fail("the signature is not valid: " + a.problem);
        return;
    }
    if (!r.signed_package || r.signature.signer.fingerprint.empty()) {
        fail("signed by " + a.signer.subject + ", but the package has no signature to compare it with");
        return;
    }
    if (a.signer.fingerprint != r.signature.signer.fingerprint) {
        fail("signed by " + a.signer.subject + " (SHA-256 " + a.signer.fingerprint + "), not by the package's signer "
             + r.signature.signer.subject + " (SHA-256 " + r.signature.signer.fingerprint + ")");
        return;
    }
    if (a.timestamp.present && !a.timestamp.valid) {
        fail("its time-stamp is not valid: " + a.timestamp.problem);
        return;
    }
    if (!a.trusted) {
        fail("signed by " + a.signer.subject + ", who is NOT trusted: " + a.problem);
        return;
    }
    r.findings.push_back({name, true, "signed by " + a.signer.subject + " (the package's signer) at " + r.appendix_signing_time
                                          + " (" + sig.sub_filter + "), over the whole file (" + std::to_string(size) + " bytes)"
                                          + timestamp_text(a.timestamp)});
}

} // namespace evpack::verify
