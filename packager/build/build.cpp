#include "build/build.hpp"

#include "crypto/cades.hpp"
#include "crypto/cms.hpp"
#include "crypto/sha256.hpp"
#include "manifest/numbering.hpp"
#include "crypto/timestamp.hpp"
#include "net/http.hpp"
#include "ocr/recognize.hpp"
#include "pdf/sign.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/progress.hpp"
#include "pdf/page_layout.hpp"
#include "util/unicode.hpp"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace evpack::build {

namespace {

std::string fill_in(std::string line, const std::string& name, const std::string& value)
{
    for (std::size_t at = line.find(name); at != std::string::npos; at = line.find(name, at + value.size())) {
        line.replace(at, name.size(), value);
    }
    return line;
}

} // namespace

pdf::AppendixPlan make_plan(const check::Report& report, std::int64_t build_time, const pdf::SealImage* seal)
{
    const manifest::Manifest& m = *report.manifest;
    const forms::Form& form = *report.form;
    pdf::AppendixPlan plan;
    plan.title = m.title;
    plan.organization = m.organization;
    plan.form_id = form.id;
    plan.form_title = form.title;
    plan.period = form.period_text();
    plan.item_label = form.item_label;
    plan.total_points = form.total_points();
    parse_layout_mode(m.layout.value_or(form.layout), plan.layout);
    plan.build_time = build_time;
    plan.declaration = form.declaration;
    for (const std::string& line : form.signature_lines) {
        plan.signature_lines.push_back(fill_in(fill_in(line, "{organization}", m.organization), "{date}",
                                               util::format_utc(build_time, "%Y年%-m月%-d日")));
    }
    plan.seal = seal;
    for (const forms::Group& g : form.groups) {
        plan.groups.push_back({g.id, g.title, g.points});
    }
    auto numbers = manifest::number_documents(m);
    // check guarantees every form indicator appears once, in order.
    for (std::size_t i = 0; i < m.indicators.size(); ++i) {
        const manifest::IndicatorEntry& e = m.indicators[i];
        const forms::Indicator* fi = form.find(e.id);
        pdf::AppendixIndicator ind;
        ind.id = e.id;
        ind.title = fi->title;
        ind.points = fi->points;
        ind.group = fi->group;
        ind.score = e.score;
        ind.summary = e.summary;
        if (e.evidence.empty()) {
            ind.none = e.none;
        }
        for (std::size_t j = 0; j < e.evidence.size(); ++j) {
            const manifest::Evidence& ev = e.evidence[j];
            const check::EvidenceResult& r = report.evidence[i][j];
            pdf::AppendixDocument doc;
            doc.title = ev.title;
            doc.note = ev.note;
            if (ev.see) {
                // check resolved it; the entry shows the cited document's title unless it has its own.
                manifest::DocumentIndex cited = *manifest::resolve_see(numbers, *ev.see);
                const manifest::IndicatorEntry& ce = m.indicators[cited.indicator];
                doc.cites = true;
                doc.number = manifest::document_number(ce, cited.evidence);
                if (util::is_blank(doc.title)) {
                    doc.title = ce.evidence[cited.evidence].title;
                }
                ind.documents.push_back(std::move(doc));
                continue;
            }
            doc.number = manifest::document_number(e, j);
            doc.date = ev.date ? ev.date->to_string() : "";
            doc.label = ev.file;
            // An Office original is bound through its rendering, like any PDF.
            doc.path = r.rendering.empty() ? r.path : r.rendering;
            doc.type = r.rendering.empty() ? r.facts.type.type : evidence::FileType::pdf;
            doc.sha256 = r.rendering.empty() ? r.facts.sha256 : "";
            doc.image = r.facts.image;
            doc.pages = r.pages;
            doc.bytes = r.facts.size;
            doc.repair = r.repaired;
            doc.marked_members = r.marked ? static_cast<int>(ev.members.size()) : 0;
            ind.documents.push_back(std::move(doc));
        }
        plan.indicators.push_back(std::move(ind));
    }
    return plan;
}

std::string default_package_name(const check::Report& report)
{
    std::string raw = report.form->id + "-" + report.manifest->organization;
    std::string out;
    for (unsigned char c : util::nfc(raw)) {
        bool unsafe = c < 0x20 || c == 0x7f || c == ' ' || std::string("/\\:*?\"<>|").find(static_cast<char>(c)) != std::string::npos;
        out += unsafe ? '-' : static_cast<char>(c);
    }
    return out;
}

namespace {

std::string two_digits(std::size_t n, std::size_t count)
{
    std::string s = std::to_string(n);
    std::size_t width = std::max<std::size_t>(2, std::to_string(count).size());
    return std::string(width - std::min(width, s.size()), '0') + s;
}

// A packaged evidence file's name: '%' becomes the full-width '％' (U+FF05). RFC 8493 has
// manifests write '%' as %25, and evpack does, but the common BagIt validators (LoC's
// bagit-python and bagit-java) do not decode it and fail such a bag. The name the file had is
// kept in the packaged manifest (original_name).
std::string packaged_name(const std::string& name)
{
    std::string out;
    for (char c : name) {
        out += c == '%' ? std::string("\xEF\xBC\x85") : std::string(1, c);
    }
    return out;
}

std::string safe_component(const std::string& s)
{
    std::string out;
    for (char c : s) {
        out += (c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20) ? '_' : c;
    }
    return out == "." || out == ".." ? "_" + out : out;
}

} // namespace

manifest::Manifest packaged_manifest(const check::Report& report, const pdf::AppendixLayout& layout)
{
    manifest::Manifest m = *report.manifest;
    m.form = "form.toml";
    m.key.reset();
    m.cert.reset();
    m.seal.reset();
    for (std::size_t i = 0; i < m.indicators.size(); ++i) {
        manifest::IndicatorEntry& e = m.indicators[i];
        e.pages = layout.indicator_pages[i];
        std::size_t files = 0;
        for (const auto& ev : e.evidence) {
            files += ev.see ? 0 : 1;
        }
        std::size_t n = 0;
        for (std::size_t j = 0; j < e.evidence.size(); ++j) {
            manifest::Evidence& ev = e.evidence[j];
            ev.pages = layout.document_pages[i][j];
            if (ev.see) {
                continue; // binds nothing: its pages are the cited document's
            }
            ev.number = e.id + "-" + std::to_string(++n);
            std::string name = util::nfc(util::basename(ev.file));
            if (packaged_name(name) != name) {
                ev.original_name = name;
            }
            std::string stem = two_digits(n, files) + "-" + packaged_name(name);
            ev.file = "evidence/" + safe_component(e.id) + "/" + stem;
            ev.sha256 = report.evidence[i][j].facts.sha256;
            if (const check::EvidenceResult& r = report.evidence[i][j]; !r.rendering.empty()) {
                auto dot = stem.find_last_of('.');
                ev.rendering = "rendered/" + safe_component(e.id) + "/" + stem.substr(0, dot) + ".pdf";
                ev.rendering_sha256 = crypto::sha256_file(r.rendering);
                ev.converter = r.converter;
            }
        }
    }
    return m;
}

namespace {

// Removes a folder this run created if a failure left it empty.
class CreatedDir
{
public:
    explicit CreatedDir(const std::string& path) : m_path(path)
    {
        struct stat st{};
        if (::stat(path.c_str(), &st) == 0) {
            if (!S_ISDIR(st.st_mode)) {
                throw IoError(Position{path}, "exists and is not a folder");
            }
            return;
        }
        if (::mkdir(path.c_str(), 0777) != 0) {
            throw IoError(Position{path}, std::string("cannot create the output folder: ") + std::strerror(errno));
        }
        m_created = true;
    }
    ~CreatedDir()
    {
        if (m_created && !m_kept) {
            ::rmdir(m_path.c_str()); // fails, harmlessly, unless empty
        }
    }
    void keep() { m_kept = true; }

private:
    std::string m_path;
    bool m_created = false;
    bool m_kept = false;
};

} // namespace

namespace {

// Reads every scanned page of the plan's documents (ocr/) and hands each its text layers.
Result::Ocr add_text_layers(pdf::AppendixPlan& plan, bool progress)
{
    std::vector<ocr::Source> sources;
    std::vector<pdf::AppendixDocument*> docs;
    for (pdf::AppendixIndicator& ind : plan.indicators) {
        for (pdf::AppendixDocument& doc : ind.documents) {
            if (!doc.cites) {
                sources.push_back({doc.path, doc.label, doc.type, doc.pages,
                                   doc.type == evidence::FileType::jpeg ? doc.image.orientation : 1,
                                   static_cast<std::int64_t>(doc.image.width) * doc.image.height, doc.sha256});
                docs.push_back(&doc);
            }
        }
    }
    ocr::Options options;
    options.progress = progress;
    ocr::Result read = ocr::recognize(sources, options);
    int layers = 0;
    for (std::size_t i = 0; i < docs.size(); ++i) {
        for (const std::optional<ocr::PageText>& page : read.pages[i]) {
            layers += page && !page->runs.empty() ? 1 : 0;
        }
        docs[i]->text = std::move(read.pages[i]);
    }
    return {read.read, read.cached, read.had_text, layers, std::move(read.warnings)};
}

} // namespace

Result run(const std::string& manifest_path, const Options& options)
{
    Result result;
    std::int64_t build_time = util::output_time();
    check::Options check_options;
    check_options.progress = options.progress;
    check_options.hash_files = true;
    result.report = check::run(manifest_path, check_options);
    if (!result.report.ok()) {
        return result;
    }
    const manifest::Manifest& m = *result.report.manifest;
    auto resolve = [&](const std::optional<std::string>& option, const char* env,
                       const std::optional<std::string>& in_manifest) -> std::optional<std::string> {
        if (option) {
            return option;
        }
        if (const char* v = std::getenv(env); v && *v) {
            return std::string(v);
        }
        if (in_manifest) {
            return util::join(m.dir, *in_manifest);
        }
        return std::nullopt;
    };
    std::optional<std::string> key = resolve(options.key, "EVPACK_KEY", m.key);
    std::optional<std::string> cert = resolve(options.cert, "EVPACK_CERT", m.cert);
    if (key.has_value() != cert.has_value()) {
        throw UsageError(key ? "a signing key was given without its certificate (--cert, EVPACK_CERT or cert = ...)"
                             : "a certificate was given without its signing key (--key, EVPACK_KEY or key = ...)");
    }
    if (options.tsa && !key) {
        throw UsageError("--tsa time-stamps signatures: it needs a signing key (--key/--cert, EVPACK_KEY/EVPACK_CERT or key/cert "
                         "in the manifest)");
    }
    std::optional<std::string> seal_path = options.seal;
    if (!seal_path && m.seal) {
        seal_path = util::join(m.dir, *m.seal);
    }
    if (seal_path && !key) {
        throw UsageError(options.seal ? Position{*seal_path} : m.seal_position, "a seal needs a signing key (--key/--cert, EVPACK_KEY/EVPACK_CERT or key/cert "
                                               "in the manifest): an image of a seal proves nothing by itself");
    }
    std::optional<pdf::SealImage> seal;
    if (seal_path) {
        seal = pdf::load_seal(*seal_path);
        if (seal->whitened) {
            result.seal_note = *seal_path + ": the seal has no transparency; its white was made transparent";
        }
    }
    pdf::AppendixPlan plan = make_plan(result.report, build_time, seal ? &*seal : nullptr);
    if (options.ocr) {
        result.ocr = add_text_layers(plan, options.progress);
    }
    CreatedDir dir(options.out_dir);
    result.appendix_path = util::join(options.out_dir, "appendix.pdf");
    util::AtomicFile out(result.appendix_path);
    out.close();
    // Pages and bytes bound before each document, for the progress line.
    std::vector<std::pair<std::uint64_t, std::uint64_t>> before{{0, 0}};
    for (const auto& ind : plan.indicators) {
        for (const auto& doc : ind.documents) {
            if (doc.cites) {
                continue;
            }
            before.emplace_back(before.back().first + static_cast<std::uint64_t>(doc.pages),
                                before.back().second + doc.bytes);
        }
    }
    util::Progress progress("build", before.size() - 1, util::Progress::Unit::files, options.progress);
    result.layout = pdf::write_appendix(plan, out.temp_path(), [&](std::size_t done, std::size_t, const std::string& what) {
        progress.tally(before[done].first, before[done].second);
        progress.advance(done, what);
    });
    progress.finish();
    // A signature time-stamp over a signature value, when a TSA was given.
    auto timestamped = [&](std::string cms) {
        if (!options.tsa) {
            return cms;
        }
        std::string query = crypto::timestamp_query(cms);
        std::string reply = net::post(*options.tsa, "application/timestamp-query", query, "application/timestamp-reply");
        return crypto::add_timestamp(cms, query, reply, *options.tsa);
    };
    std::optional<pdf::SignResult> appendix_signature;
    if (key) {
        // Signed before the package takes it: the package holds the signed appendix.
        pdf::SignOptions sign;
        sign.signing_time = build_time;
        sign.name = m.organization;
        sign.reason = result.report.form->title;
        sign.seal = plan.seal;
        sign.seal_box = result.layout->seal_box;
        // Room for the CMS: the certificates (PEM is larger than DER) and the signature, and a token.
        sign.reserve = static_cast<std::size_t>(util::file_size(*cert)) + 2048 + (options.tsa ? 16384 : 0);
        appendix_signature = pdf::sign_appendix(out.temp_path(), sign, [&](const std::string& digest) {
            return timestamped(crypto::sign_cades(digest, *key, *cert));
        });
    }

    // The package, written beside the appendix; both are renamed into place only when both are whole.
    std::string name = options.name.value_or(default_package_name(result.report));
    if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..") {
        throw UsageError("the package name '" + name + "' cannot be a file name");
    }
    result.package_path = util::join(options.out_dir, name + (options.format == package::Format::zip ? ".zip" : ".tar"));
    manifest::Manifest packaged = packaged_manifest(result.report, *result.layout);
    std::vector<package::PayloadFile> files;
    // Signing hashed the signed appendix already: the package takes that hash.
    files.push_back({"appendix.pdf", out.temp_path(), std::nullopt, appendix_signature ? appendix_signature->sha256 : "",
                     appendix_signature.has_value()});
    for (std::size_t i = 0; i < packaged.indicators.size(); ++i) {
        for (std::size_t j = 0; j < packaged.indicators[i].evidence.size(); ++j) {
            const manifest::Evidence& ev = packaged.indicators[i].evidence[j];
            if (ev.see) {
                continue;
            }
            files.push_back({ev.file, result.report.evidence[i][j].path, std::nullopt, *ev.sha256});
            if (ev.rendering) {
                files.push_back({*ev.rendering, result.report.evidence[i][j].rendering, std::nullopt, *ev.rendering_sha256});
            }
        }
    }
    files.push_back({"evpack.toml", "", manifest::to_toml(packaged), ""});
    files.push_back({"form.toml", "", result.report.form->text, ""});

    package::BagOptions bag;
    bag.bag_name = name;
    bag.format = options.format;
    bag.mtime = build_time;
    bag.info = {{"Source-Organization", m.organization},
                {"Bagging-Date", util::format_date(build_time)},
                {"External-Description", m.title},
                {"Bag-Software-Agent", "evpack " EVPACK_VERSION},
                {"Evpack-Form-Id", result.report.form->id},
                {"Evpack-Form-Title", result.report.form->title}};
    if (key) {
        bag.sign = [&](const std::string& tags) -> std::optional<std::string> {
            return timestamped(crypto::sign_detached(tags, *key, *cert, build_time));
        };
    } else {
        result.unsigned_reason = "no signing key (--key/--cert, EVPACK_KEY/EVPACK_CERT, or key/cert in the manifest)";
    }
    std::uint64_t package_bytes = 0;
    for (const auto& f : files) {
        package_bytes += f.content ? f.content->size() : util::file_size(f.source_path);
    }
    util::Progress package_progress("package", package_bytes, util::Progress::Unit::bytes, options.progress);
    bag.progress = [&](std::uint64_t done, const std::string& what) { package_progress.advance(done, what); };
    util::AtomicFile package_out(result.package_path);
    package::BagResult written = package::write_bag(package_out.stream(), result.package_path, files, bag);
    result.signed_package = written.signed_bag;
    package_progress.finish();
    // Both whole on disk before either replaces its earlier version.
    package_out.close();
    out.commit();
    package_out.commit();
    dir.keep();
    return result;
}

} // namespace evpack::build
