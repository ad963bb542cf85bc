#include "pdf/appendix.hpp"

#include "pdf/cjk_font.hpp"
#include "pdf/image_xobject.hpp"
#include "pdf/importer.hpp"
#include "pdf/inspect.hpp"
#include "pdf/load.hpp"
#include "pdf/output_document.hpp"
#include "pdf/podofo_error.hpp"
#include "pdf/repair.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/interrupt.hpp"
#include "util/unicode.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <podofo/podofo.h>
#include <unistd.h>

using namespace PoDoFo;

namespace evpack::pdf {

namespace {

constexpr double page_w = 595.0;
constexpr double page_h = 842.0;
constexpr double margin = 56.0;
constexpr double toc_line = 17.0;

PdfString utf8(const std::string& s) { return PdfString(reinterpret_cast<const pdf_utf8*>(s.c_str())); }

std::string pdf_date(std::int64_t t) { return util::format_utc(t, "D:%Y%m%d%H%M%SZ"); }

std::string points_text(const std::optional<int>& points) { return points ? "（" + std::to_string(*points) + " 分）" : ""; }

// Columns of text that fit a width at a font size: CJK characters are one em, Latin about half.
std::size_t columns_for(double width, double size) { return static_cast<std::size_t>(width / (size / 2.0)); }

// A temporary file holding the font PoDoFo subsets (a .ttc has its first face cut out).
class FontFile
{
public:
    FontFile()
    {
        std::string path = find_cjk_font();
        std::string data = util::read_file(path);
        if (data.compare(0, 4, "ttcf") != 0) {
            m_path = path;
            return;
        }
        data = extract_ttc_face(data, 0);
        const char* tmp = std::getenv("TMPDIR");
        std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/evpack-font-XXXXXX";
        int fd = util::create_temporary_file(templ);
        if (fd < 0) {
            throw IoError(Position{templ}, std::string("cannot create a temporary file for the font: ") + std::strerror(errno));
        }
        // A short write is retried: the next one says why (a full disk, a file-size limit).
        std::size_t done = 0;
        ssize_t n = 0;
        while (done < data.size() && (n = ::write(fd, data.data() + done, data.size() - done)) > 0) {
            done += static_cast<std::size_t>(n);
        }
        if (done < data.size()) {
            std::string why = n < 0 ? std::strerror(errno) : "nothing written";
            ::close(fd);
            ::unlink(templ.c_str());
            util::keep_on_interrupt(templ);
            throw IoError(Position{templ}, "cannot write the extracted font: " + why);
        }
        ::close(fd);
        m_path = templ;
        m_temporary = true;
    }
    ~FontFile()
    {
        if (m_temporary) {
            ::unlink(m_path.c_str());
            util::keep_on_interrupt(m_path);
        }
    }
    FontFile(const FontFile&) = delete;
    FontFile& operator=(const FontFile&) = delete;
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
    bool m_temporary = false;
};

struct OutlineNode
{
    std::string title;
    int page = 0; // 0-based
    bool open = false;
    std::vector<OutlineNode> children;
};

struct TocRow
{
    enum Kind { group, indicator, document, none } kind;
    std::string text;
    std::string pages;
    int target = -1; // 0-based page the row links to
};

class Builder
{
public:
    Builder(const AppendixPlan& plan, const ProgressFn& progress) : m_plan(plan), m_progress(progress) {}

    AppendixLayout run(const std::string& out_path);

private:
    void plan_pages();
    void make_font();
    PdfObject* new_page(bool landscape = false);
    void add_page(PdfObject* page);
    int page_count() const { return static_cast<int>(m_pages.size()); }
    PdfArray destination(int page) const;
    void draw_cover(PdfObject* page);
    void draw_toc();
    void draw_divider(PdfObject* page, const AppendixIndicator& ind);
    int bind_document(const AppendixIndicator& ind, const AppendixDocument& doc, OutlineNode& node);
    int bind_pdf(const AppendixDocument& doc, OutlineNode& node);
    int bind_image(const AppendixDocument& doc);
    void stamp(int index, PdfObject* page);
    void write_page_tree();
    void write_toc_links();
    void write_outlines();
    void write_catalog();
    void text(PdfPainter& p, double x, double y, double size, const std::string& s);

    const AppendixPlan& m_plan;
    const ProgressFn& m_progress;
    std::unique_ptr<OutputDocument> m_doc;
    PdfFont* m_font = nullptr;
    std::unique_ptr<FontFile> m_font_file;
    PdfReference m_q; // shared "q" and "Q" streams that isolate imported content
    PdfReference m_Q;

    std::vector<TocRow> m_toc;
    int m_toc_pages = 0;
    AppendixLayout m_layout;
    // Pages are stamped as they are made, so the running mark of the next evidence page is known
    // in advance: "指标 <id> · <n>/<total>".
    std::string m_mark_prefix;
    int m_mark_done = 0;
    int m_mark_total = 0;
    std::vector<PdfObject*> m_pages; // page dictionaries (kept in memory until close)
    struct Link
    {
        int toc_page;
        PdfRect rect;
        int target;
    };
    std::vector<Link> m_links; // TOC rows, linked once every page exists
    OutlineNode m_outline;
};

void Builder::text(PdfPainter& p, double x, double y, double size, const std::string& s)
{
    m_font->SetFontSize(static_cast<float>(size));
    p.SetFont(m_font);
    p.DrawText(x, y, utf8(s));
}

void Builder::make_font()
{
    m_font_file = std::make_unique<FontFile>();
    try {
        m_font = m_doc->CreateFontSubset("EvpackCJK", false, false, false, new PdfIdentityEncoding(0, 0xffff, true),
                                        m_font_file->path().c_str());
    } catch (const PdfError& e) {
        throw Error(Position{m_font_file->path()}, "cannot use this font for the generated pages: " + describe(e));
    }
    if (!m_font) {
        throw Error(Position{m_font_file->path()}, "cannot use this font for the generated pages");
    }
}

// Page numbers are known before anything is drawn: check counted every document's pages.
void Builder::plan_pages()
{
    int page = 1; // after the cover
    std::vector<TocRow> rows;
    // TOC rows first, page numbers filled once the TOC's own length is known.
    std::size_t group = static_cast<std::size_t>(-1);
    for (const AppendixIndicator& ind : m_plan.indicators) {
        if (ind.group != group) {
            group = ind.group;
            const AppendixGroup& g = m_plan.groups[group];
            rows.push_back({TocRow::group, g.id + "  " + g.title + points_text(g.points), "", -1});
        }
        rows.push_back({TocRow::indicator, ind.id + ". " + ind.title + points_text(ind.points), "", -1});
        if (ind.none) {
            rows.push_back({TocRow::none, "无：" + *ind.none, "", -1});
        }
        for (const AppendixDocument& doc : ind.documents) {
            std::string t = doc.title;
            if (!doc.date.empty()) {
                t += "（" + doc.date + "）";
            }
            if (doc.marked_members > 0) {
                t += " ★" + std::to_string(doc.marked_members) + " 家成员联合";
            }
            rows.push_back({TocRow::document, t, "", -1});
        }
    }
    int first_page_rows = static_cast<int>((page_h - 2 * margin - 50) / toc_line);
    int other_rows = static_cast<int>((page_h - 2 * margin) / toc_line);
    int n = static_cast<int>(rows.size());
    m_toc_pages = 1;
    if (n > first_page_rows) {
        m_toc_pages += (n - first_page_rows + other_rows - 1) / other_rows;
    }
    page += m_toc_pages;
    std::size_t r = 0;
    group = static_cast<std::size_t>(-1);
    for (const AppendixIndicator& ind : m_plan.indicators) {
        if (ind.group != group) {
            group = ind.group;
            rows[r].target = page;
            ++r;
        }
        int first = page;
        std::size_t ind_row = r++;
        if (ind.none) {
            rows[r++].target = page;
        }
        ++page; // divider
        std::vector<std::pair<int, int>> docs;
        for (const AppendixDocument& doc : ind.documents) {
            rows[r].target = page;
            rows[r].pages = std::to_string(page + 1);
            ++r;
            docs.emplace_back(page + 1, page + doc.pages);
            page += doc.pages;
        }
        rows[ind_row].target = first;
        rows[ind_row].pages = first + 1 == page ? std::to_string(first + 1)
                                                : std::to_string(first + 1) + "–" + std::to_string(page);
        m_layout.indicator_pages.emplace_back(first + 1, page);
        m_layout.document_pages.push_back(docs);
    }
    m_layout.total_pages = page;
    m_toc = std::move(rows);
}

// A page of ours: its /Parent is set when the page tree is written, at the end.
PdfObject* Builder::new_page(bool landscape)
{
    PdfObject* page = m_doc->GetObjects()->CreateObject("Page");
    PdfVariant box;
    (landscape ? PdfRect(0, 0, page_h, page_w) : PdfRect(0, 0, page_w, page_h)).ToVariant(box);
    page->GetDictionary().AddKey("MediaBox", box);
    page->GetDictionary().AddKey("Resources", PdfDictionary());
    return page;
}

// Appends a page whose content is complete, and stamps it.
void Builder::add_page(PdfObject* page)
{
    int index = page_count();
    if (index >= m_layout.total_pages) {
        throw Error("internal error: more pages than the " + std::to_string(m_layout.total_pages) + " planned");
    }
    m_pages.push_back(page);
    if (index > 0) {
        stamp(index, page);
    }
}

PdfArray Builder::destination(int page) const
{
    PdfArray d;
    d.push_back(m_pages.at(static_cast<std::size_t>(page))->Reference());
    d.push_back(PdfName("Fit"));
    return d;
}

void Builder::draw_cover(PdfObject* page)
{
    ContentCanvas canvas(*m_doc, page);
    PdfPainter p;
    p.SetPage(&canvas);
    m_font->SetFontSize(22);
    p.SetFont(m_font);
    p.DrawMultiLineText(margin, page_h - 330, page_w - 2 * margin, 120, utf8(m_plan.title), ePdfAlignment_Center,
                        ePdfVerticalAlignment_Bottom);
    m_font->SetFontSize(15);
    p.SetFont(m_font);
    p.DrawTextAligned(margin, page_h - 380, page_w - 2 * margin, utf8(m_plan.organization), ePdfAlignment_Center);
    int documents = 0;
    for (const auto& ind : m_plan.indicators) {
        documents += static_cast<int>(ind.documents.size());
    }
    std::vector<std::string> lines = {
        "表    式：" + m_plan.form_title,
        "数据期间：" + (m_plan.period.empty() ? std::string("—") : m_plan.period),
        "生成日期：" + util::format_date(m_plan.build_time),
        "指标 " + std::to_string(m_plan.indicators.size()) + " 项，证明材料 " + std::to_string(documents) + " 份，共 "
            + std::to_string(m_layout.total_pages) + " 页",
    };
    double y = 300;
    for (const std::string& line : lines) {
        text(p, margin + 60, y, 12, util::truncate_width(line, columns_for(page_w - 2 * margin - 60, 12)));
        y -= 24;
    }
    p.FinishPage();
}

void Builder::draw_toc()
{
    std::size_t row = 0;
    for (int k = 0; k < m_toc_pages; ++k) {
        PdfObject* page = new_page();
        ContentCanvas canvas(*m_doc, page);
        PdfPainter p;
        p.SetPage(&canvas);
        double y = page_h - margin;
        if (k == 0) {
            m_font->SetFontSize(20);
            p.SetFont(m_font);
            p.DrawTextAligned(margin, y - 20, page_w - 2 * margin, utf8("目  录"), ePdfAlignment_Center);
            y -= 50;
        }
        while (row < m_toc.size() && y - toc_line >= margin - 4) {
            const TocRow& r = m_toc[row++];
            double size = r.kind == TocRow::group ? 12.5 : 10.5;
            double indent = r.kind == TocRow::group ? 0 : r.kind == TocRow::indicator ? 12 : 36;
            double num_w = 60;
            std::size_t cols = columns_for(page_w - 2 * margin - indent - num_w - 8, size);
            y -= toc_line;
            text(p, margin + indent, y, size, util::truncate_width(r.text, cols));
            if (!r.pages.empty()) {
                m_font->SetFontSize(static_cast<float>(size));
                p.SetFont(m_font);
                p.DrawTextAligned(page_w - margin - num_w, y, num_w, utf8(r.pages), ePdfAlignment_Right);
            }
            if (r.target >= 0) {
                m_links.push_back({1 + k, PdfRect(margin, y - 3, page_w - 2 * margin, toc_line), r.target});
            }
        }
        p.FinishPage();
        add_page(page);
    }
}

void Builder::write_toc_links()
{
    for (const Link& l : m_links) {
        PdfObject* a = m_doc->GetObjects()->CreateObject("Annot");
        PdfDictionary& d = a->GetDictionary();
        d.AddKey("Subtype", PdfName("Link"));
        PdfVariant rect;
        l.rect.ToVariant(rect);
        d.AddKey("Rect", rect);
        PdfArray border;
        for (int i = 0; i < 3; ++i) {
            border.push_back(static_cast<pdf_int64>(0));
        }
        d.AddKey("Border", border);
        d.AddKey("M", PdfString(pdf_date(m_plan.build_time)));
        d.AddKey("Dest", destination(l.target));
        PdfDictionary& page = m_pages[static_cast<std::size_t>(l.toc_page)]->GetDictionary();
        if (!page.HasKey("Annots")) {
            page.AddKey("Annots", PdfArray());
        }
        page.GetKey("Annots")->GetArray().push_back(a->Reference());
    }
}

void Builder::draw_divider(PdfObject* page, const AppendixIndicator& ind)
{
    ContentCanvas canvas(*m_doc, page);
    PdfPainter p;
    p.SetPage(&canvas);
    const AppendixGroup& g = m_plan.groups[ind.group];
    text(p, margin, page_h - margin - 20, 12, util::truncate_width(g.id + "  " + g.title + points_text(g.points), 80));
    text(p, margin, page_h - margin - 90, 26, "指标 " + ind.id);
    m_font->SetFontSize(16);
    p.SetFont(m_font);
    p.DrawMultiLineText(margin, page_h - margin - 230, page_w - 2 * margin, 120, utf8(ind.title + points_text(ind.points)),
                        ePdfAlignment_Left, ePdfVerticalAlignment_Top);
    double y = page_h - margin - 270;
    if (ind.none) {
        text(p, margin, y, 14, "无");
        m_font->SetFontSize(12);
        p.SetFont(m_font);
        p.DrawMultiLineText(margin + 30, y - 80, page_w - 2 * margin - 30, 92, utf8(*ind.none), ePdfAlignment_Left,
                            ePdfVerticalAlignment_Top);
    } else {
        text(p, margin, y, 12, "证明材料 " + std::to_string(ind.documents.size()) + " 份：");
        y -= 22;
        for (std::size_t i = 0; i < ind.documents.size() && y > margin + 20; ++i) {
            const AppendixDocument& doc = ind.documents[i];
            std::string line = std::to_string(i + 1) + ". " + doc.title + "（" + std::to_string(doc.pages) + " 页）";
            if (doc.marked_members > 0) {
                line += " ★" + std::to_string(doc.marked_members) + " 家成员联合";
            }
            text(p, margin + 12, y, 11, util::truncate_width(line, columns_for(page_w - 2 * margin - 12, 11)));
            y -= 18;
        }
    }
    p.FinishPage();
}

int Builder::bind_pdf(const AppendixDocument& doc, OutlineNode& node)
{
    std::unique_ptr<std::istream> file; // src reads from it: declared first, destroyed last
    PdfMemDocument src;
    std::string repaired;
    try {
        bool need_repair = doc.repair;
        if (!need_repair) {
            file = load_file(src, doc.path);
            // Encrypted sources are rewritten in the clear by qpdf: raw stream copies of
            // encrypted data would be unreadable in our unencrypted output.
            need_repair = src.GetEncrypted();
        }
        if (need_repair) {
            RepairResult r = try_repair(doc.path, true);
            if (!r.ok) {
                throw Error(Position{doc.label}, "cannot be bound: " + r.message);
            }
            repaired = std::move(r.data);
            src.LoadFromBuffer(repaired.data(), static_cast<long>(repaired.size()));
        }
    } catch (const PdfError& e) {
        throw Error(Position{doc.label}, "cannot be bound: " + describe(e));
    }
    ImportedPages imported = import_pages(src, *m_doc);
    if (static_cast<int>(imported.pages.size()) != doc.pages) {
        return static_cast<int>(imported.pages.size()); // the caller says what changed
    }
    int first = page_count();
    for (PdfObject* page : imported.pages) {
        // Isolate the source's content so that a dangling cm or colour cannot reach our stamp;
        // the original streams stay untouched between the shared q and Q streams.
        PdfDictionary& d = page->GetDictionary();
        PdfArray contents;
        contents.push_back(m_q);
        if (const PdfObject* c = d.GetKey("Contents")) {
            if (c->IsArray()) {
                for (const PdfObject& item : c->GetArray()) {
                    contents.push_back(item);
                }
            } else {
                contents.push_back(*c);
            }
        }
        contents.push_back(m_Q);
        d.AddKey("Contents", contents);
        add_page(page);
    }
    std::function<void(const std::vector<SourceOutline>&, OutlineNode&)> add = [&](const std::vector<SourceOutline>& list,
                                                                                   OutlineNode& parent) {
        for (const SourceOutline& o : list) {
            OutlineNode child{o.title, o.page >= 0 ? first + o.page : parent.page, false, {}};
            add(o.children, child);
            parent.children.push_back(std::move(child));
        }
    };
    add(imported.outlines, node);
    return static_cast<int>(imported.pages.size());
}

int Builder::bind_image(const AppendixDocument& doc)
{
    std::vector<ImageXObject> frames = make_image_xobjects(*m_doc, doc.path, doc.type, doc.image);
    if (static_cast<int>(frames.size()) != doc.pages) {
        return static_cast<int>(frames.size()); // the caller says what changed
    }
    for (const ImageXObject& img : frames) {
        int o = doc.type == evidence::FileType::jpeg ? doc.image.orientation : 1;
        bool swap = o >= 5;
        double iw = swap ? img.height : img.width;
        double ih = swap ? img.width : img.height;
        bool landscape = iw > ih;
        PdfObject* page = new_page(landscape);
        double pw = landscape ? page_h : page_w, ph = landscape ? page_w : page_h;
        double box_w = pw - 2 * 36.0, box_h = ph - 2 * 48.0;
        double scale = std::min(box_w / iw, box_h / ih);
        double W = iw * scale, H = ih * scale;
        double x = (pw - W) / 2, y = (ph - H) / 2;
        // EXIF orientation as a placement matrix: the JPEG bytes are never re-encoded.
        double m[6];
        switch (o) {
        case 2: m[0] = -W; m[1] = 0; m[2] = 0; m[3] = H; m[4] = x + W; m[5] = y; break;
        case 3: m[0] = -W; m[1] = 0; m[2] = 0; m[3] = -H; m[4] = x + W; m[5] = y + H; break;
        case 4: m[0] = W; m[1] = 0; m[2] = 0; m[3] = -H; m[4] = x; m[5] = y + H; break;
        case 5: m[0] = 0; m[1] = -H; m[2] = -W; m[3] = 0; m[4] = x + W; m[5] = y + H; break;
        case 6: m[0] = 0; m[1] = -H; m[2] = W; m[3] = 0; m[4] = x; m[5] = y + H; break;
        case 7: m[0] = 0; m[1] = H; m[2] = W; m[3] = 0; m[4] = x; m[5] = y; break;
        case 8: m[0] = 0; m[1] = H; m[2] = -W; m[3] = 0; m[4] = x + W; m[5] = y; break;
        default: m[0] = W; m[1] = 0; m[2] = 0; m[3] = H; m[4] = x; m[5] = y; break;
        }
        PdfDictionary xobjects;
        xobjects.AddKey("Im0", img.ref);
        page->GetDictionary().GetKey("Resources")->GetDictionary().AddKey("XObject", xobjects);
        char buf[256];
        std::snprintf(buf, sizeof buf, "q %.4f %.4f %.4f %.4f %.4f %.4f cm /Im0 Do Q\n", m[0], m[1], m[2], m[3], m[4], m[5]);
        PdfObject* content = m_doc->GetObjects()->CreateObject();
        page->GetDictionary().AddKey("Contents", content->Reference());
        PdfStream* s = content->GetStream();
        s->BeginAppend(TVecFilters(), true);
        s->Append(buf);
        s->EndAppend();
        add_page(page);
    }
    return static_cast<int>(frames.size());
}

int Builder::bind_document(const AppendixIndicator& ind, const AppendixDocument& doc, OutlineNode& node)
{
    try {
        if (doc.type == evidence::FileType::pdf) {
            return bind_pdf(doc, node);
        }
        return bind_image(doc);
    } catch (const PdfError& e) {
        throw Error(Position{doc.label}, "indicator " + ind.id + ": cannot be bound: " + describe(e));
    } catch (const IoError&) {
        throw;
    } catch (const Error& e) {
        throw Error(Position{doc.label}, "indicator " + ind.id + ": " + e.message());
    }
}

// A page attribute, following one reference: imported pages carry their inherited attributes.
const PdfObject* page_value(PdfDocument& doc, PdfObject* page, const char* key)
{
    const PdfObject* v = page->GetDictionary().GetKey(key);
    if (v && v->IsReference()) {
        v = doc.GetObjects()->GetObject(v->GetReference());
    }
    return v;
}

PdfRect page_box(PdfDocument& doc, PdfObject* page, const char* key)
{
    const PdfObject* v = page_value(doc, page, key);
    if (!v || !v->IsArray() || v->GetArray().size() != 4) {
        return PdfRect();
    }
    for (const PdfObject& n : v->GetArray()) {
        if (!n.IsNumber() && !n.IsReal()) {
            return PdfRect();
        }
    }
    return PdfRect(v->GetArray());
}

void Builder::stamp(int index, PdfObject* page)
{
    PdfRect box = page_box(*m_doc, page, "CropBox");
    if (box.GetWidth() <= 0 || box.GetHeight() <= 0) {
        box = page_box(*m_doc, page, "MediaBox");
    }
    if (box.GetWidth() <= 0 || box.GetHeight() <= 0) {
        box = PdfRect(0, 0, page_w, page_h);
    }
    double x0 = box.GetLeft(), y0 = box.GetBottom(), bw = box.GetWidth(), bh = box.GetHeight();
    const PdfObject* rotate = page_value(*m_doc, page, "Rotate");
    int rot = rotate && rotate->IsNumber() ? static_cast<int>(((rotate->GetNumber() % 360) + 360) % 360) : 0;
    double dw = (rot == 90 || rot == 270) ? bh : bw; // size as displayed
    ContentCanvas canvas(*m_doc, page);
    PdfPainter p;
    p.SetPage(&canvas);
    // Draw in display coordinates whatever the page's /Rotate and box origin.
    switch (rot) {
    case 90: p.SetTransformationMatrix(0, 1, -1, 0, x0 + bw, y0); break;
    case 180: p.SetTransformationMatrix(-1, 0, 0, -1, x0 + bw, y0 + bh); break;
    case 270: p.SetTransformationMatrix(0, -1, 1, 0, x0, y0 + bh); break;
    default: p.SetTransformationMatrix(1, 0, 0, 1, x0, y0); break;
    }
    double dh = (rot == 90 || rot == 270) ? bw : bh;
    std::string footer = "第 " + std::to_string(index + 1) + " 页 / 共 " + std::to_string(m_layout.total_pages) + " 页";
    double size = 9;
    double fw = static_cast<double>(util::display_width(footer)) * size / 2 + 8;
    p.SetColor(1, 1, 1);
    p.Rectangle(dw / 2 - fw / 2, 10, fw, 15);
    p.Fill();
    p.SetColor(0, 0, 0);
    m_font->SetFontSize(static_cast<float>(size));
    p.SetFont(m_font);
    p.DrawTextAligned(dw / 2 - fw / 2, 14, fw, utf8(footer), ePdfAlignment_Center);
    std::string mark;
    if (m_mark_total > 0 && m_mark_done < m_mark_total) {
        mark = m_mark_prefix + std::to_string(++m_mark_done) + "/" + std::to_string(m_mark_total);
    }
    if (!mark.empty()) {
        double mw = static_cast<double>(util::display_width(mark)) * size / 2 + 8;
        p.SetColor(1, 1, 1);
        p.Rectangle(dw - 14 - mw, dh - 24, mw, 15);
        p.Fill();
        p.SetColor(0, 0, 0);
        p.DrawTextAligned(dw - 14 - mw, dh - 20, mw, utf8(mark), ePdfAlignment_Center);
    }
    p.FinishPage();
}

void Builder::write_page_tree()
{
    PdfObject* root = m_doc->GetPagesTree()->GetObject();
    PdfArray kids;
    for (PdfObject* page : m_pages) {
        page->GetDictionary().AddKey("Parent", root->Reference());
        kids.push_back(page->Reference());
    }
    root->GetDictionary().AddKey("Kids", kids);
    root->GetDictionary().AddKey("Count", static_cast<pdf_int64>(m_pages.size()));
}

void Builder::write_outlines()
{
    PdfOutlines* root = m_doc->GetOutlines(true);
    std::function<int(PdfOutlineItem*, const OutlineNode&)> emit = [&](PdfOutlineItem* item, const OutlineNode& node) {
        int visible = 0;
        for (const OutlineNode& child : node.children) {
            // A direct array: PdfDestination(PdfPage*) would leave an unused object behind.
            PdfObject dest(destination(child.page));
            PdfOutlineItem* c = item->CreateChild(utf8(child.title), PdfDestination(&dest, m_doc.get()));
            int below = emit(c, child);
            visible += 1 + (child.open ? below : 0);
        }
        if (!node.children.empty()) {
            int direct = static_cast<int>(node.children.size());
            item->GetObject()->GetDictionary().AddKey(
                "Count", static_cast<pdf_int64>(node.open ? visible : -direct));
        }
        return visible;
    };
    int visible = emit(root, m_outline);
    root->GetObject()->GetDictionary().AddKey("Count", static_cast<pdf_int64>(visible));
    m_doc->SetPageMode(ePdfPageModeUseBookmarks);
}

void Builder::write_catalog()
{
    // Page labels: the cover is 封面; every other page is labelled with its stamped number.
    PdfArray nums;
    PdfDictionary cover;
    cover.AddKey("P", utf8("封面"));
    nums.push_back(static_cast<pdf_int64>(0));
    nums.push_back(cover);
    PdfDictionary rest;
    rest.AddKey("S", PdfName("D"));
    rest.AddKey("St", static_cast<pdf_int64>(2));
    nums.push_back(static_cast<pdf_int64>(1));
    nums.push_back(rest);
    PdfDictionary labels;
    labels.AddKey("Nums", nums);
    m_doc->catalog()->GetDictionary().AddKey("PageLabels", labels);
}

AppendixLayout Builder::run(const std::string& out_path)
{
    init_library();
    plan_pages();
    DocumentInfo info;
    info.title = m_plan.title;
    info.author = m_plan.organization;
    info.subject = m_plan.form_title + "（" + m_plan.form_id + "）";
    info.keywords = "证明材料; " + m_plan.form_id;
    info.creator = "evpack " EVPACK_VERSION;
    info.producer = "evpack " EVPACK_VERSION " (PoDoFo 0.9.8)";
    info.date = pdf_date(m_plan.build_time);
    m_doc = std::make_unique<OutputDocument>(out_path, info);
    make_font();
    PdfObject* q = m_doc->GetObjects()->CreateObject();
    m_q = q->Reference();
    q->GetStream()->Set("q\n");
    PdfObject* Q = m_doc->GetObjects()->CreateObject();
    m_Q = Q->Reference();
    Q->GetStream()->Set("Q\n");

    // Every page is final when made: its number, the total and the TOC are known from the plan.
    PdfObject* cover = new_page();
    draw_cover(cover);
    add_page(cover);
    m_outline.children.push_back({"封面", 0, false, {}});
    draw_toc();
    m_outline.children.push_back({"目录", 1, false, {}});

    std::size_t total_docs = 0;
    for (const auto& ind : m_plan.indicators) {
        total_docs += ind.documents.size();
    }
    std::size_t done = 0;
    std::size_t group = static_cast<std::size_t>(-1);
    for (std::size_t i = 0; i < m_plan.indicators.size(); ++i) {
        const AppendixIndicator& ind = m_plan.indicators[i];
        if (ind.group != group) {
            group = ind.group;
            const AppendixGroup& g = m_plan.groups[group];
            m_outline.children.push_back({g.id + " " + g.title, page_count(), true, {}});
        }
        OutlineNode& group_node = m_outline.children.back();
        int divider_index = page_count();
        PdfObject* divider = new_page();
        draw_divider(divider, ind);
        m_mark_total = 0;
        add_page(divider);
        OutlineNode ind_node{"指标 " + ind.id + "  " + util::truncate_width(ind.title, 48), divider_index, false, {}};
        m_mark_prefix = "指标 " + ind.id + " · ";
        m_mark_done = 0;
        for (const auto& doc : ind.documents) {
            m_mark_total += doc.pages;
        }
        for (std::size_t j = 0; j < ind.documents.size(); ++j) {
            const AppendixDocument& doc = ind.documents[j];
            if (m_progress) {
                m_progress(done, total_docs, doc.label);
            }
            int start = page_count();
            OutlineNode doc_node{doc.title, start, false, {}};
            int added = bind_document(ind, doc, doc_node);
            if (added != doc.pages) {
                throw Error(Position{doc.label}, "indicator " + ind.id + ": had " + std::to_string(doc.pages)
                                                     + " pages when checked, " + std::to_string(added)
                                                     + " when bound; was it changed meanwhile?");
            }
            ind_node.children.push_back(std::move(doc_node));
            ++done;
        }
        m_mark_total = 0;
        group_node.children.push_back(std::move(ind_node));
    }
    if (page_count() != m_layout.total_pages) {
        throw Error("internal error: planned " + std::to_string(m_layout.total_pages) + " pages, made "
                    + std::to_string(page_count()));
    }
    write_page_tree();
    write_toc_links();
    write_outlines();
    write_catalog();
    if (m_progress) {
        m_progress(total_docs, total_docs, "writing");
    }
    try {
        m_doc->close();
    } catch (const PdfError& e) {
        throw IoError(Position{out_path}, "cannot write the appendix: " + describe(e));
    }
    return m_layout;
}

} // namespace

AppendixLayout write_appendix(const AppendixPlan& plan, const std::string& out_path, const ProgressFn& progress)
{
    try {
        return Builder(plan, progress).run(out_path);
    } catch (const PdfError& e) {
        throw Error("cannot build the appendix: " + describe(e));
    }
}

} // namespace evpack::pdf
