#include "verify/checks.hpp"

#include "crypto/cms.hpp"

namespace evpack::verify {

std::string timestamp_text(const crypto::TimestampCheck& t)
{
    if (!t.present) {
        return "";
    }
    return "; time-stamped " + t.time + " by " + t.tsa + (t.trusted ? " (trusted)" : " (TSA not trusted: " + t.problem + ")");
}

void check_signature(const Collected& c, Report& r, const Options& options)
{
    auto sig = c.texts.find("signature.p7s");
    auto tags = c.texts.find("tagmanifest-sha256.txt");
    if (sig == c.texts.end()) {
        r.findings.push_back({"signature", false, "the package is not signed (no signature.p7s)"});
        return;
    }
    if (tags == c.texts.end()) {
        r.findings.push_back({"signature", false, "nothing to check the signature against (no tagmanifest-sha256.txt)"});
        return;
    }
    r.signed_package = true;
    r.signature = crypto::verify_detached(sig->second, tags->second, options.trust);
    const crypto::SignerInfo& s = r.signature.signer;
    std::string who = s.subject.empty() ? "unknown signer"
                                        : s.subject + " (SHA-256 " + s.fingerprint + ", valid " + s.not_before + " to "
                                              + s.not_after + ")";
    const crypto::TimestampCheck& t = r.signature.timestamp;
    if (!r.signature.valid) {
        r.findings.push_back({"signature", false, "signature.p7s is not a valid signature of the tag manifest: " + r.signature.problem});
    } else if (t.present && !t.valid) {
        r.findings.push_back({"signature", false, "signature.p7s: its time-stamp is not valid: " + t.problem});
    } else if (!r.signature.trusted) {
        r.findings.push_back({"signature", false, "signed by " + who + ", who is NOT trusted: " + r.signature.problem});
    } else {
        r.findings.push_back({"signature", true, "signed by " + who + ", trusted" + timestamp_text(t)});
    }
}

} // namespace evpack::verify
