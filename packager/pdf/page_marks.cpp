#include "pdf/page_marks.hpp"

#include "pdf/output_document.hpp"
#include "pdf/text_layout.hpp"

#include <cstdio>

using namespace PoDoFo;

namespace evpack::pdf {

namespace {

constexpr double mark_size = 9;

PdfObject* resolve(PdfDocument& doc, PdfObject* o)
{
    return o && o->IsReference() ? doc.GetObjects()->GetObject(o->GetReference()) : o;
}

// A form XObject as a canvas for PdfPainter: its content stream is the XObject's own. The
// dictionary is written out when the painter first reaches the stream, so its resources (our
// font) are complete from the start.
class FormCanvas : public PdfCanvas
{
public:
    FormCanvas(PdfDocument& doc, const Placement& p, PdfFont& font)
    {
        m_object = doc.GetObjects()->CreateObject(sheet_form(p, font.GetIdentifier(), font.GetObject()->Reference()));
        m_ref = m_object->Reference();
        m_size = PdfRect(0, 0, p.sheet_w, p.sheet_h);
    }
    PdfObject* GetContents() const override { return m_object; }
    PdfObject* GetContentsForAppending() const override { return m_object; }
    PdfObject* GetResources() const override { return m_object->GetDictionary().GetKey("Resources"); }
    const PdfRect GetPageSize() const override { return m_size; }
    const PdfReference& reference() const { return m_ref; }

private:
    PdfObject* m_object = nullptr; // invalid once its stream is written: keep m_ref
    PdfReference m_ref;
    PdfRect m_size;
};

std::string cm(const Matrix& m)
{
    char buf[160];
    std::snprintf(buf, sizeof buf, "%.4f %.4f %.4f %.4f %.4f %.4f cm ", m[0], m[1], m[2], m[3], m[4], m[5]);
    return buf;
}

// The text marks, in display coordinates.
void draw_text_marks(PdfPainter& painter, PdfFont& font, const Placement& p, const Marks& marks)
{
    Bands b;
    double right = p.sheet_w - b.outer;
    if (!marks.running.empty()) {
        draw_text_right(painter, font, mark_size, right, p.sheet_h - b.top / 2 - mark_size / 3, marks.running);
    }
    double centre = b.binding + (p.sheet_w - b.binding - b.outer) / 2;
    if (!marks.number.empty()) {
        draw_text_centred(painter, font, mark_size, centre, b.bottom / 2 - mark_size / 3, marks.number);
    }
    double y = p.caption.y + p.caption.h - caption_line + (caption_line - caption_size) / 2 + 1;
    for (const std::string& line : marks.caption) {
        draw_text_centred(painter, font, caption_size, centre, y, line);
        y -= caption_line;
    }
}

// The seal slice at the outer edge, vertically centred, as operators in display coordinates
// (the caller maps them to user space).
std::string slice_ops(const Placement& p, const SealSlice& s, const std::string& name)
{
    double w = s.width / s.count; // this page's strip
    double y0 = (p.sheet_h - s.height) / 2;
    char buf[256];
    std::snprintf(buf, sizeof buf, "%.4f %.4f %.4f %.4f re W n %.4f 0 0 %.4f %.4f %.4f cm /%s Do ", p.sheet_w - w, y0, w,
                  s.height, s.width, s.height, p.sheet_w - (s.index + 1) * w, y0, name.c_str());
    return buf;
}

} // namespace

PdfDictionary sheet_form(const Placement& p, const PdfName& font_name, const PdfReference& font)
{
    PdfDictionary d;
    d.AddKey("Type", PdfName("XObject"));
    d.AddKey("Subtype", PdfName("Form"));
    PdfVariant bbox;
    PdfRect(0, 0, p.sheet_w, p.sheet_h).ToVariant(bbox);
    d.AddKey("BBox", bbox);
    PdfArray matrix;
    for (double v : p.display_to_user) {
        matrix.push_back(PdfVariant(v));
    }
    d.AddKey("Matrix", matrix);
    PdfDictionary fonts;
    fonts.AddKey(font_name, font);
    PdfDictionary resources;
    resources.AddKey("Font", fonts);
    d.AddKey("Resources", resources);
    return d;
}

PdfDictionary& private_resources(PdfDocument& doc, PdfObject* page)
{
    PdfDictionary& d = page->GetDictionary();
    PdfObject* r = d.GetKey("Resources");
    PdfDictionary own;
    if (PdfObject* shared = resolve(doc, r); shared && shared->IsDictionary()) {
        own = shared->GetDictionary();
    }
    if (PdfObject* x = resolve(doc, own.GetKey("XObject")); x && x->IsDictionary()) {
        PdfDictionary copy = x->GetDictionary();
        own.AddKey("XObject", copy);
    } else {
        own.AddKey("XObject", PdfDictionary());
    }
    d.AddKey("Resources", own);
    return d.GetKey("Resources")->GetDictionary();
}

std::string add_xobject(PdfDocument&, PdfDictionary& resources, const std::string& base, const PdfReference& ref)
{
    PdfDictionary& x = resources.GetKey("XObject")->GetDictionary();
    std::string name = base;
    for (int n = 1; x.HasKey(name); ++n) {
        name = base + std::to_string(n);
    }
    x.AddKey(name, ref);
    return name;
}

void append_content(PdfDocument& doc, PdfObject* page, const std::string& ops)
{
    PdfObject* s = doc.GetObjects()->CreateObject();
    append_to_contents(page, s->Reference());
    PdfStream* stream = s->GetStream();
    stream->BeginAppend(TVecFilters(), true);
    stream->Append(ops);
    stream->EndAppend();
}

void mark_own_page(PdfDocument& doc, PdfObject* page, PdfFont& font, const Placement& p, const Marks& marks)
{
    if (marks.text_layer) {
        PdfDictionary& res = private_resources(doc, page);
        append_content(doc, page, "q /" + add_xobject(doc, res, "EvpackText", *marks.text_layer) + " Do Q\n");
    }
    if (marks.slice) {
        PdfDictionary& res = private_resources(doc, page);
        std::string name = add_xobject(doc, res, "EvpackSeal", marks.slice->image);
        append_content(doc, page, "q " + cm(p.display_to_user) + slice_ops(p, *marks.slice, name) + "Q\n");
    }
    ContentCanvas canvas(doc, page);
    PdfPainter painter;
    painter.SetPage(&canvas);
    painter.SetTransformationMatrix(p.display_to_user[0], p.display_to_user[1], p.display_to_user[2],
                                    p.display_to_user[3], p.display_to_user[4], p.display_to_user[5]);
    draw_text_marks(painter, font, p, marks);
    painter.FinishPage();
}

void mark_imported_page(PdfDocument& doc, PdfObject* page, PdfFont& font, const Placement& p, const Marks& marks)
{
    FormCanvas form(doc, p, font);
    {
        PdfPainter painter;
        painter.SetPage(&form);
        draw_text_marks(painter, font, p, marks);
        painter.FinishPage();
    }
    PdfDictionary& res = private_resources(doc, page);
    std::string ops;
    if (marks.text_layer) {
        ops += "q /" + add_xobject(doc, res, "EvpackText", *marks.text_layer) + " Do Q\n";
    }
    ops += "q /" + add_xobject(doc, res, "EvpackMarks", form.reference()) + " Do Q\n";
    if (marks.slice) {
        std::string name = add_xobject(doc, res, "EvpackSeal", marks.slice->image);
        ops += "q " + cm(p.display_to_user) + slice_ops(p, *marks.slice, name) + "Q\n";
    }
    append_content(doc, page, ops); // one stream after the page's own: verify knows the layout
}

} // namespace evpack::pdf
