#pragma once

// Internal to pdf/: a source PDF's bookmarks and link targets, resolved to pages and views.
// Every kind of destination is read: explicit arrays, named destinations (the /Names /Dests
// name tree and the PDF 1.1 /Dests dictionary, by string or by name), dictionaries with /D, and
// GoTo actions.

#include <map>
#include <optional>
#include <podofo/podofo.h>
#include <string>
#include <vector>

namespace evpack::pdf {

// Where a destination looks: its fit type and parameters, in the target page's user space.
struct View
{
    std::string fit = "Fit"; // XYZ, Fit, FitH, FitV, FitR, FitB, FitBH, FitBV
    std::vector<std::optional<double>> params; // as the fit type takes them; nullopt = null
};

struct Target
{
    int page = -1; // index into the source's pages
    View view;
};

struct SourceOutline
{
    std::string title;
    std::optional<Target> target; // none when it points nowhere in this document
    bool open = false;            // /Count > 0
    std::vector<SourceOutline> children;
};

// Resolves destinations of one source document. Name lookups build an index of the name tree
// once; depth and size limits keep hostile trees bounded.
class Destinations
{
public:
    Destinations(PoDoFo::PdfMemDocument& src, const std::map<PoDoFo::PdfReference, int>& pages);

    // A /Dest value: array, name, string, or a dictionary with /D.
    std::optional<Target> resolve(const PoDoFo::PdfObject* dest);
    // An action (/A): GoTo only; other actions are not destinations in this document.
    std::optional<Target> resolve_action(const PoDoFo::PdfObject* action);

private:
    const PoDoFo::PdfObject* deref(const PoDoFo::PdfObject* o);
    std::optional<Target> from_array(const PoDoFo::PdfArray& a);
    const PoDoFo::PdfObject* lookup(const std::string& key);
    void index_names();

    PoDoFo::PdfMemDocument& m_src;
    const std::map<PoDoFo::PdfReference, int>& m_pages;
    bool m_indexed = false;
    std::map<std::string, const PoDoFo::PdfObject*> m_tree;  // /Names /Dests, by string bytes
    const PoDoFo::PdfObject* m_old_dests = nullptr;          // /Root /Dests
};

// The document's bookmark tree, titles decoded, every item's target resolved.
std::vector<SourceOutline> read_outlines(PoDoFo::PdfMemDocument& src, Destinations& dests);

// Counts a tree's items (for limits and tests).
std::size_t count_outlines(const std::vector<SourceOutline>& list);

} // namespace evpack::pdf
