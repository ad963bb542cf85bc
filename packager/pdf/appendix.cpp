#include "pdf/appendix.hpp"

#include "pdf/cjk_font.hpp"
#include "pdf/generated_pages.hpp"
#include "pdf/image_xobject.hpp"
#include "pdf/importer.hpp"
#include "pdf/inspect.hpp"
#include "pdf/load.hpp"
#include "pdf/output_document.hpp"
#include "pdf/page_marks.hpp"
#include "pdf/place_imported.hpp"
#include "pdf/podofo_error.hpp"
#include "pdf/repair.hpp"
#include "pdf/seal_xobject.hpp"
#include "pdf/text_layer.hpp"
#include "pdf/text_layout.hpp"
#include "util/error.hpp"
#include "util/file.hpp"

#include <cstdio>
#include <map>
#include <podofo/podofo.h>
#include <set>

using namespace PoDoFo;

namespace evpack::pdf {

namespace {

PdfString utf8(const std::string& s) { return PdfString(reinterpret_cast<const pdf_utf8*>(s.c_str())); }

std::string pdf_date(std::int64_t t) { return util::format_utc(t, "D:%Y%m%d%H%M%SZ"); }

struct OutlineNode
{
    std::string title;
    int page = 0;            // 0-based
    std::optional<View> view; // in that page's source user space; none: the whole page
    bool open = false;
    std::vector<OutlineNode> children;
};

class Builder
{
public:
    Builder(const AppendixPlan& plan, const ProgressFn& progress) : m_plan(plan), m_progress(progress) {}

    AppendixLayout run(const std::string& out_path);

private:
    void make_font();
    void plan_pages();
    PdfObject* new_page(const Placement& p);
    void add_page(PdfObject* page, const Placement& p, Marks marks, bool imported = false);
    // A 目录 or divider page: lines from top down (toc_page >= 0: the 目录's heading too).
    void add_flow_page(const std::vector<FlowLine>& lines, double top, int toc_page, const std::string& running);
    int bind_document(const AppendixIndicator& ind, const AppendixDocument& doc, OutlineNode& node);
    int bind_pdf(const AppendixDocument& doc, OutlineNode& node);
    int bind_image(const AppendixDocument& doc);
    Marks evidence_marks();
    // The marks of page k of doc, with its text layer when OCR read one.
    Marks document_marks(const AppendixDocument& doc, std::size_t k, const Placement& p);
    void write_page_tree();
    void write_links();
    void write_outlines();
    void write_catalog();

    const AppendixPlan& m_plan;
    const ProgressFn& m_progress;
    std::unique_ptr<OutputDocument> m_doc;
    PdfFont* m_font = nullptr;
    std::unique_ptr<FontFile> m_font_file;
    PdfReference m_Q; // the shared "Q" stream that closes every imported page's own content
    TextFrame m_frame;

    PagePlan m_pages_plan;
    std::vector<std::vector<FlowLine>> m_toc;                   // lines per 目录 page
    std::vector<std::vector<std::vector<FlowLine>>> m_dividers; // per indicator, lines per page
    AppendixLayout m_layout;
    // The running mark of the evidence pages being bound: "证明材料 10-2 · <n>/<total>".
    std::string m_mark_prefix;
    int m_mark_done = 0;
    int m_mark_total = 0;
    std::vector<PdfObject*> m_pages; // page dictionaries (kept in memory until close)
    std::vector<Placement> m_placements;
    struct Link
    {
        int page;
        Rect rect;
        int target;
    };
    std::vector<Link> m_links; // 目录 and divider rows, linked once every page exists
    std::set<PdfReference> m_moved_annots;
    OutlineNode m_outline;
    std::optional<PdfReference> m_seal;        // the seal's image, for the 骑缝章
    std::optional<PdfReference> m_text_font;   // the text layers' font, made with the first
    std::vector<SealSlicePlan> m_slices;       // per page after the cover
};

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

// Every page number is known before anything is drawn: check counted every document's pages,
// and the 目录 and dividers are measured (they take as many lines whatever the numbers say).
void Builder::plan_pages()
{
    const auto& inds = m_plan.indicators;
    auto count_pages = [&](const std::vector<FlowLine>& lines, double first_room) {
        return static_cast<int>(paginate(lines, first_room, flow_next_room(m_frame)).size());
    };
    int toc_pages = count_pages(toc_lines(*m_font, m_frame, m_plan, {}), toc_first_room(m_frame));
    PagePlan& pp = m_pages_plan;
    int page = 1 + toc_pages;
    std::map<std::string, std::pair<int, int>> by_number;
    for (std::size_t i = 0; i < inds.size(); ++i) {
        pp.divider_first.push_back(page);
        page += count_pages(divider_lines(*m_font, m_frame, m_plan, i, {}), divider_first_room(m_frame));
        pp.documents.emplace_back();
        for (const AppendixDocument& doc : inds[i].documents) {
            if (doc.cites) {
                pp.documents.back().emplace_back(-1, -1);
                continue;
            }
            pp.documents.back().emplace_back(page, page + doc.pages - 1);
            by_number[doc.number] = pp.documents.back().back();
            page += doc.pages;
        }
    }
    for (std::size_t i = 0; i < inds.size(); ++i) {
        for (std::size_t j = 0; j < inds[i].documents.size(); ++j) {
            if (inds[i].documents[j].cites) {
                auto it = by_number.find(inds[i].documents[j].number);
                if (it == by_number.end()) {
                    throw Error("internal error: '" + inds[i].documents[j].number + "' cites no document");
                }
                pp.documents[i][j] = it->second;
            }
        }
    }
    m_layout.total_pages = page;
    m_toc = paginate(toc_lines(*m_font, m_frame, m_plan, pp), toc_first_room(m_frame), flow_next_room(m_frame));
    if (static_cast<int>(m_toc.size()) != toc_pages) {
        throw Error("internal error: the 目录 took " + std::to_string(m_toc.size()) + " pages, planned " + std::to_string(toc_pages));
    }
    for (std::size_t i = 0; i < inds.size(); ++i) {
        m_dividers.push_back(paginate(divider_lines(*m_font, m_frame, m_plan, i, pp), divider_first_room(m_frame),
                                      flow_next_room(m_frame)));
        std::vector<std::pair<int, int>> docs;
        for (const auto& [first, end] : pp.documents[i]) {
            docs.emplace_back(first + 1, end + 1);
        }
        // The indicator's own range: its divider and the documents it binds (not those it cites).
        int last = pp.divider_first[i] + static_cast<int>(m_dividers.back().size()) - 1;
        for (std::size_t j = 0; j < inds[i].documents.size(); ++j) {
            if (!inds[i].documents[j].cites) {
                last = std::max(last, pp.documents[i][j].second);
            }
        }
        m_layout.indicator_pages.emplace_back(pp.divider_first[i] + 1, last + 1);
        m_layout.document_pages.push_back(std::move(docs));
    }
}

// A page of ours: its /Parent is set when the page tree is written, at the end.
PdfObject* Builder::new_page(const Placement& p)
{
    PdfObject* page = m_doc->GetObjects()->CreateObject("Page");
    PdfVariant box;
    PdfRect(p.media.x, p.media.y, p.media.w, p.media.h).ToVariant(box);
    page->GetDictionary().AddKey("MediaBox", box);
    page->GetDictionary().AddKey("Resources", PdfDictionary());
    return page;
}

// Appends a page whose content is complete, and prints its marks (the cover has none).
void Builder::add_page(PdfObject* page, const Placement& p, Marks marks, bool imported)
{
    int index = static_cast<int>(m_pages.size());
    if (index >= m_layout.total_pages) {
        throw Error("internal error: more pages than the " + std::to_string(m_layout.total_pages) + " planned");
    }
    m_pages.push_back(page);
    m_placements.push_back(p);
    if (index == 0) {
        return;
    }
    marks.number = "第 " + std::to_string(index + 1) + " 页 / 共 " + std::to_string(m_layout.total_pages) + " 页";
    if (m_seal) {
        const SealSlicePlan& s = m_slices.at(static_cast<std::size_t>(index - 1));
        double h = s.diameter * m_plan.seal->height / m_plan.seal->width;
        marks.slice = SealSlice{*m_seal, s.diameter, h, s.index, s.count};
    }
    if (imported) {
        mark_imported_page(*m_doc, page, *m_font, p, marks);
    } else {
        mark_own_page(*m_doc, page, *m_font, p, marks);
    }
}

void Builder::add_flow_page(const std::vector<FlowLine>& lines, double top, int toc_page, const std::string& running)
{
    Placement sheet = generated_page();
    PdfObject* page = new_page(sheet);
    {
        ContentCanvas canvas(*m_doc, page);
        PdfPainter p;
        p.SetPage(&canvas);
        if (toc_page >= 0) {
            draw_toc_heading(p, *m_font, m_frame, toc_page == 0);
        }
        int index = static_cast<int>(m_pages.size());
        for (const LinkArea& l : draw_flow(p, *m_font, m_frame, lines, top)) {
            m_links.push_back({index, l.rect, l.target});
        }
        p.FinishPage();
    }
    Marks marks;
    marks.running = running;
    add_page(page, sheet, marks);
}

Marks Builder::evidence_marks()
{
    Marks marks;
    if (m_mark_total > 0 && m_mark_done < m_mark_total) {
        marks.running = m_mark_prefix + std::to_string(++m_mark_done) + "/" + std::to_string(m_mark_total);
    }
    return marks;
}

Marks Builder::document_marks(const AppendixDocument& doc, std::size_t k, const Placement& p)
{
    Marks marks = evidence_marks();
    if (k < doc.text.size() && doc.text[k] && !doc.text[k]->runs.empty()) {
        if (!m_text_font) {
            m_text_font = make_text_layer_font(*m_doc);
        }
        marks.text_layer = make_text_layer(*m_doc, *m_text_font, *doc.text[k], p);
    }
    return marks;
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
    int first = static_cast<int>(m_pages.size());
    for (std::size_t k = 0; k < imported.pages.size(); ++k) {
        PdfObject* page = imported.pages[k];
        Placement p = place_imported(*m_doc, page, m_plan.layout);
        apply_placement(*m_doc, page, p, m_Q, m_moved_annots);
        add_page(page, p, document_marks(doc, k, p), true);
    }
    // Links and bookmarks inside the document point at its pages as placed.
    auto dest_of = [&](const Target& t) {
        std::size_t k = static_cast<std::size_t>(first + t.page);
        return destination(m_pages[k]->Reference(), t.view, m_placements[k]);
    };
    for (const ImportedLink& link : imported.links) {
        std::optional<PdfArray> dest;
        if (link.target) {
            dest = dest_of(*link.target);
        }
        point_link(*m_doc, imported.pages[link.page], link.annot, dest);
    }
    std::function<void(const std::vector<SourceOutline>&, OutlineNode&)> add = [&](const std::vector<SourceOutline>& list,
                                                                                   OutlineNode& parent) {
        for (const SourceOutline& o : list) {
            OutlineNode child;
            child.title = o.title;
            child.open = o.open;
            if (o.target) {
                child.page = first + o.target->page;
                child.view = o.target->view;
            } else {
                child.page = parent.page; // points nowhere in the document: its first page
            }
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
    std::vector<std::string> caption;
    if (!doc.note.empty()) {
        caption = wrap_text(*m_font, caption_size, doc.note, a4_short - Bands{}.binding - Bands{}.outer);
        if (caption.size() > caption_max_lines) {
            caption.resize(caption_max_lines);
            caption.back() += "…";
        }
    }
    for (std::size_t k = 0; k < frames.size(); ++k) {
        const ImageXObject& img = frames[k];
        int o = doc.type == evidence::FileType::jpeg ? doc.image.orientation : 1;
        bool swap = o >= 5;
        double iw = swap ? img.height : img.width;
        double ih = swap ? img.width : img.height;
        Placement p = place_image(iw, ih, m_plan.layout, caption_line * static_cast<double>(caption.size()));
        PdfObject* page = new_page(p);
        double W = p.evidence.w, H = p.evidence.h, x = p.evidence.x, y = p.evidence.y;
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
        append_content(*m_doc, page, buf);
        Marks marks = document_marks(doc, k, p);
        marks.caption = caption;
        add_page(page, p, marks);
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
        throw Error(Position{doc.label}, m_plan.item_label + " " + ind.id + ": cannot be bound: " + describe(e));
    } catch (const IoError&) {
        throw;
    } catch (const Error& e) {
        throw Error(Position{doc.label}, m_plan.item_label + " " + ind.id + ": " + e.message());
    }
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

void Builder::write_links()
{
    for (const Link& l : m_links) {
        PdfObject* a = m_doc->GetObjects()->CreateObject("Annot");
        PdfDictionary& d = a->GetDictionary();
        d.AddKey("Subtype", PdfName("Link"));
        PdfVariant rect;
        PdfRect(l.rect.x, l.rect.y, l.rect.w, l.rect.h).ToVariant(rect);
        d.AddKey("Rect", rect);
        PdfArray border;
        for (int i = 0; i < 3; ++i) {
            border.push_back(static_cast<pdf_int64>(0));
        }
        d.AddKey("Border", border);
        d.AddKey("M", PdfString(pdf_date(m_plan.build_time)));
        std::size_t t = static_cast<std::size_t>(l.target);
        d.AddKey("Dest", destination(m_pages.at(t)->Reference(), std::nullopt, m_placements.at(t)));
        PdfDictionary& page = m_pages[static_cast<std::size_t>(l.page)]->GetDictionary();
        if (!page.HasKey("Annots")) {
            page.AddKey("Annots", PdfArray());
        }
        page.GetKey("Annots")->GetArray().push_back(a->Reference());
    }
}

void Builder::write_outlines()
{
    PdfOutlines* root = m_doc->GetOutlines(true);
    std::function<int(PdfOutlineItem*, const OutlineNode&)> emit = [&](PdfOutlineItem* item, const OutlineNode& node) {
        int visible = 0;
        for (const OutlineNode& child : node.children) {
            std::size_t k = static_cast<std::size_t>(child.page);
            // A direct array: PdfDestination(PdfPage*) would leave an unused object behind.
            PdfObject dest(destination(m_pages.at(k)->Reference(), child.view, m_placements.at(k)));
            PdfOutlineItem* c = item->CreateChild(utf8(child.title), PdfDestination(&dest, m_doc.get()));
            int below = emit(c, child);
            visible += 1 + (child.open ? below : 0);
        }
        if (!node.children.empty()) {
            int direct = static_cast<int>(node.children.size());
            item->GetObject()->GetDictionary().AddKey("Count", static_cast<pdf_int64>(node.open ? visible : -direct));
        }
        return visible;
    };
    int visible = emit(root, m_outline);
    root->GetObject()->GetDictionary().AddKey("Count", static_cast<pdf_int64>(visible));
    m_doc->SetPageMode(ePdfPageModeUseBookmarks);
}

void Builder::write_catalog()
{
    // Page labels: the cover is 封面; every other page is labelled with its printed number.
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
    plan_pages();
    PdfObject* Q = m_doc->GetObjects()->CreateObject();
    m_Q = Q->Reference();
    Q->GetStream()->Set("Q\n");
    if (m_plan.seal) {
        // The 骑缝章: every page after the cover carries a slice of the seal at its outer edge.
        m_seal = embed_seal(*m_doc, *m_plan.seal);
        m_slices = plan_seal_slices(m_layout.total_pages - 1, seal_width_pt);
    }

    // Every page is final when made: its number, the total and the 目录 are known from the plan.
    Placement sheet = generated_page();
    PdfObject* cover = new_page(sheet);
    {
        ContentCanvas canvas(*m_doc, cover);
        PdfPainter p;
        p.SetPage(&canvas);
        if (std::optional<Rect> seal = draw_cover(p, *m_font, m_plan, m_layout.total_pages)) {
            m_layout.seal_box = AppendixLayout::Box{seal->x, seal->y, seal->w, seal->h};
        }
        p.FinishPage();
    }
    add_page(cover, sheet, {});
    m_outline.children.push_back({"封面", 0, std::nullopt, false, {}});
    for (std::size_t k = 0; k < m_toc.size(); ++k) {
        add_flow_page(m_toc[k], m_frame.top - 50, static_cast<int>(k), k == 0 ? "目录" : "目录（续）");
    }
    m_outline.children.push_back({"目录", 1, std::nullopt, false, {}});

    std::size_t total_docs = 0;
    for (const auto& ind : m_plan.indicators) {
        for (const auto& doc : ind.documents) {
            total_docs += doc.cites ? 0 : 1;
        }
    }
    std::size_t done = 0;
    std::size_t group = static_cast<std::size_t>(-1);
    for (std::size_t i = 0; i < m_plan.indicators.size(); ++i) {
        const AppendixIndicator& ind = m_plan.indicators[i];
        if (ind.group != group && ind.group < m_plan.groups.size()) {
            group = ind.group;
            const AppendixGroup& g = m_plan.groups[group];
            m_outline.children.push_back({g.id + " " + g.title, static_cast<int>(m_pages.size()), std::nullopt, true, {}});
        }
        OutlineNode& group_node = m_outline.children.back();
        OutlineNode ind_node{m_plan.item_label + " " + ind.id + "  " + ind.title, static_cast<int>(m_pages.size()),
                             std::nullopt, false, {}};
        for (std::size_t k = 0; k < m_dividers[i].size(); ++k) {
            add_flow_page(m_dividers[i][k], m_frame.top, -1, m_plan.item_label + " " + ind.id + (k ? "（续）" : ""));
        }
        for (std::size_t j = 0; j < ind.documents.size(); ++j) {
            const AppendixDocument& doc = ind.documents[j];
            if (doc.cites) {
                auto [first, last] = m_pages_plan.documents[i][j];
                (void)last;
                ind_node.children.push_back({"见 " + doc.number + " " + doc.title, first, std::nullopt, false, {}});
                continue;
            }
            if (m_progress) {
                m_progress(done, total_docs, doc.label);
            }
            int start = static_cast<int>(m_pages.size());
            OutlineNode doc_node{doc.number + " " + doc.title, start, std::nullopt, false, {}};
            m_mark_prefix = "证明材料 " + doc.number + " · ";
            m_mark_done = 0;
            m_mark_total = doc.pages;
            int added = bind_document(ind, doc, doc_node);
            m_mark_total = 0;
            if (added != doc.pages) {
                throw Error(Position{doc.label}, m_plan.item_label + " " + ind.id + ": had " + std::to_string(doc.pages)
                                                     + " pages when checked, " + std::to_string(added)
                                                     + " when bound; was it changed meanwhile?");
            }
            ind_node.children.push_back(std::move(doc_node));
            ++done;
        }
        group_node.children.push_back(std::move(ind_node));
    }
    if (static_cast<int>(m_pages.size()) != m_layout.total_pages) {
        throw Error("internal error: planned " + std::to_string(m_layout.total_pages) + " pages, made "
                    + std::to_string(m_pages.size()));
    }
    write_page_tree();
    write_links();
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
