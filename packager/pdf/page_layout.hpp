#pragma once

// Where an evidence page goes on its sheet, and where the marks go around it. Pure geometry (no
// PoDoFo): unit-tested on its own.
//
// Display coordinates are the sheet as a reader sees it (after /Rotate), origin bottom left.
// User coordinates are the page's own (before /Rotate): an imported page keeps its /Rotate, so
// its annotations and appearance streams turn with it as they did in the source.

#include <array>
#include <string>
#include <vector>

namespace evpack::pdf {

enum class LayoutMode
{
    a4,       // every page on an A4 sheet (portrait or landscape by its shape), scaled down to fit
    original, // every page keeps its size; the bands are added outside its box
};

// "a4" or "original"; false for anything else.
bool parse_layout_mode(const std::string& s, LayoutMode& out);

constexpr double mm = 72.0 / 25.4;
constexpr double a4_short = 595.276;
constexpr double a4_long = 841.890;

// The bands around the evidence: a binding margin (装订线) on the left, the outer edge on the
// right (where the 骑缝章 slices go), a top band with the running mark and a bottom band with the
// page number (and a photo's caption above it).
struct Bands
{
    double binding = 25 * mm;
    double outer = 10 * mm;
    double top = 12 * mm;
    double bottom = 12 * mm;
};

struct Rect
{
    double x = 0, y = 0, w = 0, h = 0;
    bool intersects(const Rect& o) const { return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h; }
};

using Matrix = std::array<double, 6>; // a b c d e f, as in a PDF cm operator

struct Placement
{
    int rotate = 0;             // the page's /Rotate (0, 90, 180, 270), kept
    double sheet_w = 0;         // the sheet as displayed
    double sheet_h = 0;
    Rect media;                 // the sheet's /MediaBox, user coordinates, at the origin
    double scale = 1;           // source user space -> sheet user space: x' = scale*x + tx
    double tx = 0, ty = 0;
    Rect evidence;              // where the evidence shows, display coordinates
    Rect evidence_user;         // the same, user coordinates (the clip)
    Rect caption;               // the caption's place under the evidence (display); h = 0: none
    Matrix display_to_user{1, 0, 0, 1, 0, 0}; // for drawing marks upright

    // A source point on the sheet, user coordinates.
    double map_x(double x) const { return scale * x + tx; }
    double map_y(double y) const { return scale * y + ty; }
};

// A PDF page whose visible box (CropBox, in its user space) is box and whose /Rotate is rotate.
// In a4 mode the sheet is A4, portrait or landscape as the page shows; the page is scaled down
// uniformly to fit the area inside the bands (never up), and centred in it. caption_h reserves
// room for a caption under the evidence.
Placement place_page(const Rect& box, int rotate, LayoutMode mode, double caption_h = 0, const Bands& bands = {});

// An image shown w × h (after its EXIF orientation): fitted to the area inside the bands of an
// A4 sheet of its shape (scaled up or down), or in original mode shown at 72 dpi. Images carry
// no /Rotate.
Placement place_image(double w, double h, LayoutMode mode, double caption_h = 0, const Bands& bands = {});

// A page evpack draws itself (cover, 目录, divider): A4 portrait.
Placement generated_page();

// The cm operator that puts the source page in place and clips to the evidence:
// "q x y w h re W n a b c d e f cm\n". The imported page's own streams follow, then "Q".
std::string placement_prefix(const Placement& p);

// The inverse of placement_prefix, for verify: true and the placement's matrix and clip when s
// is exactly such a prefix.
bool parse_placement_prefix(const std::string& s, Matrix& cm, Rect& clip);

// The 骑缝章 across a run of pages: the seal (diameter points wide) cut into vertical slices, one
// at the outer edge of each page, so that the pages fanned out rebuild it. Pages go in groups,
// each carrying a whole seal, small enough that a slice stays at least min_slice wide (a 42 mm
// seal spans at most 14 pages at 3 mm) and balanced so that no group is left with one page;
// a group too short for the outer band (slices wider than max_slice) gets a smaller seal.
struct SealSlicePlan
{
    int index = 0;       // this page's slice, from the seal's left
    int count = 1;       // pages in its group
    double diameter = 0; // the seal as drawn for this group
};
std::vector<SealSlicePlan> plan_seal_slices(int pages, double diameter, double min_slice = 3 * mm,
                                            double max_slice = Bands{}.outer);

// A rotation of /Rotate degrees (normalised to 0, 90, 180, 270).
int normalise_rotate(long long degrees);

} // namespace evpack::pdf
