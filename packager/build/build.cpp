#include "build/build.hpp"

#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/progress.hpp"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace evpack::build {

pdf::AppendixPlan make_plan(const check::Report& report, std::int64_t build_time)
{
    const manifest::Manifest& m = *report.manifest;
    const forms::Form& form = *report.form;
    pdf::AppendixPlan plan;
    plan.title = m.title;
    plan.organization = m.organization;
    plan.form_id = form.id;
    plan.form_title = form.title;
    plan.period = form.period_text();
    plan.build_time = build_time;
    for (const forms::Group& g : form.groups) {
        plan.groups.push_back({g.id, g.title, g.points});
    }
    // check guarantees every form indicator appears once, in order.
    for (std::size_t i = 0; i < m.indicators.size(); ++i) {
        const manifest::IndicatorEntry& e = m.indicators[i];
        const forms::Indicator* fi = form.find(e.id);
        pdf::AppendixIndicator ind;
        ind.id = e.id;
        ind.title = fi->title;
        ind.points = fi->points;
        ind.group = fi->group;
        if (e.evidence.empty()) {
            ind.none = e.none;
        }
        for (std::size_t j = 0; j < e.evidence.size(); ++j) {
            const manifest::Evidence& ev = e.evidence[j];
            const check::EvidenceResult& r = report.evidence[i][j];
            pdf::AppendixDocument doc;
            doc.title = ev.title;
            doc.date = ev.date ? ev.date->to_string() : "";
            doc.label = ev.file;
            doc.path = r.path;
            doc.type = r.facts.type.type;
            doc.image = r.facts.image;
            doc.pages = r.pages;
            doc.repair = r.repaired;
            doc.marked_members = r.marked ? static_cast<int>(ev.members.size()) : 0;
            ind.documents.push_back(std::move(doc));
        }
        plan.indicators.push_back(std::move(ind));
    }
    return plan;
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

Result run(const std::string& manifest_path, const Options& options)
{
    Result result;
    std::int64_t build_time = util::output_time();
    check::Options check_options;
    check_options.progress = options.progress;
    result.report = check::run(manifest_path, check_options);
    if (!result.report.ok()) {
        return result;
    }
    pdf::AppendixPlan plan = make_plan(result.report, build_time);
    CreatedDir dir(options.out_dir);
    result.appendix_path = util::join(options.out_dir, "appendix.pdf");
    util::AtomicFile out(result.appendix_path);
    out.release_stream();
    std::size_t total = 0;
    for (const auto& ind : plan.indicators) {
        total += ind.documents.size();
    }
    util::Progress progress("build", total, options.progress);
    result.layout = pdf::write_appendix(plan, out.temp_path(), [&](std::size_t done, std::size_t, const std::string& what) {
        progress.advance(done, what);
    });
    progress.finish();
    out.commit();
    dir.keep();
    return result;
}

} // namespace evpack::build
