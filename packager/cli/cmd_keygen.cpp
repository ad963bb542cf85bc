#include "cli/args.hpp"
#include "cli/commands.hpp"

#include "crypto/cms.hpp"
#include "util/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sys/stat.h>

namespace evpack::cli {

namespace {

const char* help = R"(usage: evpack keygen --out DIR --name ORG [--type ec|rsa] [--force]

Writes DIR/key.pem (readable by you only) and DIR/cert.pem: a new signing
key and a self-signed X.509 certificate naming ORG, valid for ten years, for
alliances without a certificate from a CA. Give cert.pem to the reviewers who
verify your packages (evpack verify --trust cert.pem); keep key.pem private.

options:
  --out DIR        the folder to write into (created if missing)
  --name ORG       the organization the certificate names (CN and O)
  --type ec|rsa    ECDSA P-256 (default) or RSA-3072
  --force          replace an existing key.pem / cert.pem
  -h, --help

exit status: 0 written, 2 usage or I/O error
)";

} // namespace

int run_keygen(const Argv& argv)
{
    if (wants_help(argv, help)) {
        return exit_ok;
    }
    Args args("keygen", argv);
    args.option("--out").option("--name").option("--type").flag("--force").parse();
    args.positional(0, "", 0);
    auto dir = args.get("--out");
    auto name = args.get("--name");
    if (!dir || !name || name->empty()) {
        throw UsageError("evpack keygen: --out DIR and --name ORG are required");
    }
    std::string type = args.get("--type").value_or("ec");
    if (type != "ec" && type != "rsa") {
        throw UsageError("evpack keygen: --type must be ec or rsa, not '" + type + "'");
    }
    if (::mkdir(dir->c_str(), 0700) != 0 && errno != EEXIST) {
        throw IoError(Position{*dir}, std::string("cannot create: ") + std::strerror(errno));
    }
    crypto::KeyPair pair = crypto::generate_key(*dir, *name, type == "ec" ? crypto::KeyType::ec_p256 : crypto::KeyType::rsa_3072,
                                                args.has("--force"));
    std::printf("key:         %s (keep it private)\ncertificate: %s\nSHA-256:     %s\n", pair.key_path.c_str(),
                pair.cert_path.c_str(), pair.fingerprint.c_str());
    return exit_ok;
}

} // namespace evpack::cli
