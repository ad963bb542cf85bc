#include "cli/args.hpp"
#include "cli/commands.hpp"

#include "build/build.hpp"
#include "check/report.hpp"
#include "util/error.hpp"

#include <cstdio>

namespace evpack::cli {

namespace {

const char* help = R"(usage: evpack build [MANIFEST] -o OUTDIR [--key KEY --cert CERT] [--seal IMAGE]
                    [--tsa URL] [--ocr] [--format zip|tar] [--name NAME] [--quiet]

Runs every check of 'evpack check' (and stops, printing them, if any is an
error), then writes OUTDIR/appendix.pdf: a cover (with the self-score totals),
a table of contents (目录) with every document's number and pages, and for
each indicator of the form, in order, a divider (its 简要说明, self-score and
documents with their notes) followed by its evidence. Each evidence page is
placed on an A4 sheet of its shape, scaled down to fit (layout = "original":
at its own size), with a binding margin on the left and bands above and below
that hold the marks: the running mark (证明材料 10-2 · 3/4), the page number
(第 N 页 / 共 M 页) and a photo's caption. Nothing is drawn over the evidence,
and a PDF page's own content, bookmarks and internal links are kept. Images
are placed one per page (EXIF orientation honoured); HEIC, WebP, GIF (its
first frame) and BMP photos are decoded and placed the same way. Bookmarks follow groups,
indicators and numbered documents, and keep each source PDF's own bookmarks.

Then writes the package to submit, OUTDIR/NAME.zip: a BagIt bag (RFC 8493)
holding data/appendix.pdf, the original evidence files byte for byte under
data/evidence/<indicator>/<nn>-<name>, an Office file's PDF rendering
(which the appendix binds) under data/rendered/<indicator>/<nn>-<name>.pdf,
data/evpack.toml (paths rewritten, each file's SHA-256 and appendix pages
recorded, and each rendering's original and converter) and data/form.toml, with
SHA-256 manifests and signature.p7s, a detached CMS signature over
tagmanifest-sha256.txt made with the alliance's key. The key and certificate
come from --key/--cert, else EVPACK_KEY/EVPACK_CERT, else key = / cert = in
the manifest; without them the package is unsigned and 'evpack verify'
will fail it. 'evpack keygen' makes a key and self-signed certificate.

With a key, appendix.pdf is signed too, before it is packaged: a PAdES
signature (ETSI.CAdES.detached, SHA-256) appended to the unsigned appendix
as an incremental update, which PDF readers show and 'evpack verify' checks.
With a seal (--seal, else seal = in the manifest: a PNG with transparency,
or a JPEG or PNG on white, whose white is made transparent), the signature
shows the seal on the cover's signature block, and the evidence pages carry
it as 骑缝章 slices. A seal without a signing key is refused.
With --tsa URL, an RFC 3161 time-stamping authority dates both signatures
(a signature time-stamp each: PAdES B-T); nothing else reaches the network.

With --ocr, scanned pages become searchable: every image, and every PDF page
without text of its own, is read by Tesseract (Chinese and English, chi_sim+eng)
and gets an invisible text layer over the evidence (rendering mode 3, in a
stream of its own: the page's content and look are unchanged, and verify binds
it as before). Pages are read in parallel, one per core (at most 8; about 4 s
of CPU and 150 MB a page), and cached with the Office renderings, so a rebuild
reads nothing again. A page that cannot be read (or is over 100 megapixels,
or takes Tesseract over 120 s) is a warning; it gets no text layer. Needs
tesseract-ocr-chi-sim and tesseract-ocr-eng (TESSDATA_PREFIX names another
data folder).

Both files are written atomically: on any failure (a bad file, a full disk,
Ctrl-C) OUTDIR holds no partial file and earlier outputs stay as they were.
With the same inputs and SOURCE_DATE_EPOCH, the output is byte-identical
but for the signatures, which differ each time (ECDSA; with --tsa, the
time-stamps too): signature.p7s, the appendix's /Contents, and their lines
in manifest-sha256.txt and tagmanifest-sha256.txt.
Generated pages use the font in EVPACK_FONT, or WenQuanYi Micro Hei
(fonts-wqy-microhei).
Office files are rendered as 'evpack check' says (LibreOffice, or the
rendering cache, with evpack's own fontconfig mapping 宋体, 黑体, 仿宋 and 楷体
to Noto Serif/Sans CJK SC and AR PL UKai); their renderings are made
reproducible, so the package stays byte-identical. EVPACK_SOFFICE names the
soffice to run, EVPACK_OFFICE_TIMEOUT its time limit in seconds,
EVPACK_CACHE_DIR another cache folder.

options:
  -o, --output OUTDIR  the folder to write into (created if missing)
  --key KEY            the signing key (PEM, no passphrase)
  --cert CERT          its certificate, followed by any chain certificates (PEM)
  --seal IMAGE         the alliance's seal (公章), PNG or JPEG; needs a key
  --tsa URL            an RFC 3161 time-stamping authority (http or https)
  --ocr                give scanned pages an invisible, searchable text layer
  --format zip|tar     the package's archive format (default zip)
  --name NAME          the package's name (default FORM-ORGANIZATION)
  --quiet              no progress display
  -h, --help

exit status: 0 built, 1 the manifest or its evidence has problems,
             2 usage or I/O error
)";

} // namespace

int run_build(const Argv& argv)
{
    if (wants_help(argv, help)) {
        return exit_ok;
    }
    Args args("build", argv);
    args.option("--output", "-o").option("--key").option("--cert").option("--format").option("--name").option("--seal").option("--tsa");
    args.flag("--quiet", "-q").flag("--ocr").parse();
    std::string manifest = args.positional(0, "evpack.toml", 1);
    auto out = args.get("--output");
    if (!out) {
        throw UsageError("evpack build: -o OUTDIR is required");
    }
    build::Options options;
    options.out_dir = *out;
    options.progress = !args.has("--quiet");
    options.key = args.get("--key");
    options.cert = args.get("--cert");
    options.name = args.get("--name");
    options.seal = args.get("--seal");
    options.tsa = args.get("--tsa");
    options.ocr = args.has("--ocr");
    std::string format = args.get("--format").value_or("zip");
    if (format != "zip" && format != "tar") {
        throw UsageError("evpack build: --format must be zip or tar, not '" + format + "'");
    }
    options.format = format == "zip" ? package::Format::zip : package::Format::tar;
    build::Result result = build::run(manifest, options);
    std::fputs(check::format_diagnostics(result.report.diagnostics).c_str(), stderr);
    if (!result.layout) {
        std::fprintf(stderr, "evpack build: %zu errors; nothing was built\n",
                     result.report.diagnostics.count(Severity::error));
        return exit_problems;
    }
    if (result.ocr) {
        for (const std::string& w : result.ocr->warnings) {
            std::fprintf(stderr, "evpack build: warning: %s\n", w.c_str());
        }
    }
    if (!result.seal_note.empty()) {
        std::fprintf(stderr, "evpack build: note: %s\n", result.seal_note.c_str());
    }
    std::printf("%s: %d pages, %d documents for %zu indicators\n", result.appendix_path.c_str(),
                result.layout->total_pages, result.report.total_evidence(), result.layout->indicator_pages.size());
    if (result.ocr) {
        auto pages = [](int n) { return std::to_string(n) + (n == 1 ? " page" : " pages"); };
        const build::Result::Ocr& o = *result.ocr;
        std::printf("%s: OCR: %s scanned (%d read now, %d from the cache), text found on %d; %s had text of their own\n",
                    result.appendix_path.c_str(), pages(o.read + o.cached).c_str(), o.read, o.cached, o.layers,
                    pages(o.had_text).c_str());
    }
    if (result.signed_package) {
        std::printf("%s: signed%s\n", result.appendix_path.c_str(), options.tsa ? ", time-stamped" : "");
    }
    std::printf("%s: %s\n", result.package_path.c_str(), result.signed_package ? "signed" : "UNSIGNED");
    if (!result.signed_package) {
        std::fprintf(stderr, "evpack build: warning: the package is unsigned: %s\n", result.unsigned_reason.c_str());
    }
    return exit_ok;
}

} // namespace evpack::cli
