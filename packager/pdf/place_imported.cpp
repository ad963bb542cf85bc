#include "pdf/place_imported.hpp"

using namespace PoDoFo;

namespace evpack::pdf {

namespace {

PdfObject* resolve(PdfDocument& doc, PdfObject* o)
{
    return o && o->IsReference() ? doc.GetObjects()->GetObject(o->GetReference()) : o;
}

std::optional<Rect> box_of(PdfDocument& doc, PdfObject* page, const char* key)
{
    PdfObject* v = resolve(doc, page->GetDictionary().GetKey(key));
    if (!v || !v->IsArray() || v->GetArray().size() != 4) {
        return std::nullopt;
    }
    double n[4];
    for (std::size_t k = 0; k < 4; ++k) {
        const PdfObject& e = v->GetArray()[k];
        if (e.IsNumber()) {
            n[k] = static_cast<double>(e.GetNumber());
        } else if (e.IsReal()) {
            n[k] = e.GetReal();
        } else {
            return std::nullopt;
        }
    }
    Rect r{std::min(n[0], n[2]), std::min(n[1], n[3]), std::abs(n[2] - n[0]), std::abs(n[3] - n[1])};
    if (r.w <= 0 || r.h <= 0) {
        return std::nullopt;
    }
    return r;
}

PdfVariant number(double v) { return PdfVariant(v); }

// The annotation keys that hold coordinates, as pairs of numbers (or lists of them).
void move_points(PdfArray& a, const Placement& p)
{
    for (std::size_t k = 0; k + 1 < a.size(); k += 2) {
        PdfObject& x = a[k];
        PdfObject& y = a[k + 1];
        if ((x.IsNumber() || x.IsReal()) && (y.IsNumber() || y.IsReal())) {
            double xv = x.IsReal() ? x.GetReal() : static_cast<double>(x.GetNumber());
            double yv = y.IsReal() ? y.GetReal() : static_cast<double>(y.GetNumber());
            x = number(p.map_x(xv));
            y = number(p.map_y(yv));
        }
    }
}

void move_annotation(PdfDictionary& d, const Placement& p)
{
    for (const char* key : {"Rect", "QuadPoints", "L", "Vertices", "CL"}) {
        if (PdfObject* v = d.GetKey(key); v && v->IsArray()) {
            move_points(v->GetArray(), p);
        }
    }
    if (PdfObject* ink = d.GetKey("InkList"); ink && ink->IsArray()) {
        for (PdfObject& path : ink->GetArray()) {
            if (path.IsArray()) {
                move_points(path.GetArray(), p);
            }
        }
    }
}

} // namespace

Placement place_imported(PdfDocument& doc, PdfObject* page, LayoutMode mode)
{
    std::optional<Rect> media = box_of(doc, page, "MediaBox");
    std::optional<Rect> crop = box_of(doc, page, "CropBox");
    Rect box = media.value_or(Rect{0, 0, a4_short, a4_long});
    if (crop) {
        // What a reader shows: the CropBox clipped to the MediaBox.
        double x0 = std::max(box.x, crop->x), y0 = std::max(box.y, crop->y);
        double x1 = std::min(box.x + box.w, crop->x + crop->w), y1 = std::min(box.y + box.h, crop->y + crop->h);
        if (x1 > x0 && y1 > y0) {
            box = {x0, y0, x1 - x0, y1 - y0};
        }
    }
    int rotate = 0;
    if (PdfObject* r = resolve(doc, page->GetDictionary().GetKey("Rotate")); r && r->IsNumber()) {
        rotate = normalise_rotate(r->GetNumber());
    }
    return place_page(box, rotate, mode);
}

void apply_placement(PdfDocument& doc, PdfObject* page, const Placement& p, const PdfReference& close,
                     std::set<PdfReference>& moved)
{
    PdfDictionary& d = page->GetDictionary();
    PdfVariant media;
    PdfRect(p.media.x, p.media.y, p.media.w, p.media.h).ToVariant(media);
    d.AddKey("MediaBox", media);
    for (const char* key : {"CropBox", "BleedBox", "TrimBox", "ArtBox"}) {
        d.RemoveKey(key);
    }
    if (p.rotate) {
        d.AddKey("Rotate", static_cast<pdf_int64>(p.rotate));
    } else {
        d.RemoveKey("Rotate");
    }
    PdfObject* prefix = doc.GetObjects()->CreateObject();
    PdfReference prefix_ref = prefix->Reference();
    PdfStream* s = prefix->GetStream();
    s->BeginAppend(TVecFilters(), true);
    s->Append(placement_prefix(p));
    s->EndAppend();
    PdfArray contents;
    contents.push_back(prefix_ref);
    if (PdfObject* c = d.GetKey("Contents")) {
        if (c->IsArray()) {
            for (const PdfObject& item : c->GetArray()) {
                contents.push_back(item);
            }
        } else {
            contents.push_back(*c);
        }
    }
    contents.push_back(close);
    d.AddKey("Contents", contents);
    PdfObject* annots = resolve(doc, d.GetKey("Annots"));
    if (!annots || !annots->IsArray()) {
        return;
    }
    for (PdfObject& item : annots->GetArray()) {
        if (item.IsReference() && !moved.insert(item.GetReference()).second) {
            continue;
        }
        PdfObject* a = resolve(doc, &item);
        if (a && a->IsDictionary()) {
            move_annotation(a->GetDictionary(), p);
        }
    }
}

PdfArray destination(const PdfReference& page, const std::optional<View>& view, const Placement& p)
{
    PdfArray d;
    d.push_back(page);
    if (!view || view->fit == "Fit" || view->fit == "FitB") {
        d.push_back(PdfName(view ? view->fit : "Fit"));
        return d;
    }
    d.push_back(PdfName(view->fit));
    // Which parameters are x and which y, per fit type.
    std::string axes = view->fit == "XYZ" ? "xyz" : view->fit == "FitR" ? "xyxy" : (view->fit == "FitV" || view->fit == "FitBV") ? "x" : "y";
    for (std::size_t k = 0; k < view->params.size() && k < axes.size(); ++k) {
        const std::optional<double>& v = view->params[k];
        if (!v) {
            d.push_back(PdfVariant::NullValue);
        } else if (axes[k] == 'x') {
            d.push_back(number(p.map_x(*v)));
        } else if (axes[k] == 'y') {
            d.push_back(number(p.map_y(*v)));
        } else {
            d.push_back(number(*v)); // zoom
        }
    }
    return d;
}

void point_link(PdfDocument& doc, PdfObject* page, std::size_t annot, const std::optional<PdfArray>& dest)
{
    PdfObject* annots = resolve(doc, page->GetDictionary().GetKey("Annots"));
    if (!annots || !annots->IsArray() || annot >= annots->GetArray().size()) {
        return;
    }
    PdfObject* a = resolve(doc, &annots->GetArray()[annot]);
    if (!a || !a->IsDictionary()) {
        return;
    }
    PdfDictionary& d = a->GetDictionary();
    d.RemoveKey("A");
    if (dest) {
        d.AddKey("Dest", *dest);
    } else {
        d.RemoveKey("Dest");
    }
}

} // namespace evpack::pdf
