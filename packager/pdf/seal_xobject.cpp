#include "pdf/seal_xobject.hpp"

#include "pdf/flate.hpp"

using namespace PoDoFo;

namespace evpack::pdf {

namespace {

PdfObject* image_object(PdfDocument& doc, const SealImage& seal, const char* colour_space)
{
    PdfObject* obj = doc.GetObjects()->CreateObject("XObject");
    PdfDictionary& d = obj->GetDictionary();
    d.AddKey("Subtype", PdfName("Image"));
    d.AddKey("Width", static_cast<pdf_int64>(seal.width));
    d.AddKey("Height", static_cast<pdf_int64>(seal.height));
    d.AddKey("ColorSpace", PdfName(colour_space));
    d.AddKey("BitsPerComponent", static_cast<pdf_int64>(8));
    d.AddKey("Filter", PdfName("FlateDecode"));
    return obj;
}

void set_raw(PdfObject* obj, const std::string& data)
{
    PdfStream* s = obj->GetStream();
    s->BeginAppend(TVecFilters(), true, false);
    s->Append(data.data(), data.size());
    s->EndAppend();
}

} // namespace

SealStreams compress_seal(const SealImage& seal) { return {deflate(seal.rgb.data(), seal.rgb.size(), "the seal image"), deflate(seal.alpha.data(), seal.alpha.size(), "the seal image")}; }

PdfReference embed_seal(PdfDocument& doc, const SealImage& seal)
{
    SealStreams data = compress_seal(seal);
    PdfObject* mask = image_object(doc, seal, "DeviceGray");
    PdfReference mask_ref = mask->Reference();
    set_raw(mask, data.alpha); // mask is gone from memory once written (streamed document)
    PdfObject* image = image_object(doc, seal, "DeviceRGB");
    image->GetDictionary().AddKey("SMask", mask_ref);
    PdfReference ref = image->Reference();
    set_raw(image, data.rgb);
    return ref;
}

} // namespace evpack::pdf
