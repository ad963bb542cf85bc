#include "pdf/page_layout.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <regex>

namespace evpack::pdf {

namespace {

// A display rectangle as user coordinates of a sheet whose user size is uw × uh (MediaBox at
// the origin) under /Rotate rotate (clockwise when shown).
Rect display_to_user_rect(const Rect& d, int rotate, double uw, double uh)
{
    switch (rotate) {
    case 90: return {uw - d.y - d.h, d.x, d.h, d.w};
    case 180: return {uw - d.x - d.w, uh - d.y - d.h, d.w, d.h};
    case 270: return {d.y, uh - d.x - d.w, d.h, d.w};
    default: return d;
    }
}

Matrix display_to_user_matrix(int rotate, double uw, double uh)
{
    switch (rotate) {
    case 90: return {0, 1, -1, 0, uw, 0};
    case 180: return {-1, 0, 0, -1, uw, uh};
    case 270: return {0, -1, 1, 0, 0, uh};
    default: return {1, 0, 0, 1, 0, 0};
    }
}

// Shared by pages and images: the sheet, the area inside the bands, and where content of shown
// size dw × dh lands in it.
Placement place(double dw, double dh, int rotate, LayoutMode mode, double caption_h, const Bands& b, bool may_grow)
{
    Placement p;
    p.rotate = rotate;
    double bottom = b.bottom + caption_h;
    if (mode == LayoutMode::original) {
        p.sheet_w = b.binding + dw + b.outer;
        p.sheet_h = bottom + dh + b.top;
    } else {
        bool landscape = dw > dh;
        p.sheet_w = landscape ? a4_long : a4_short;
        p.sheet_h = landscape ? a4_short : a4_long;
    }
    Rect area{b.binding, bottom, p.sheet_w - b.binding - b.outer, p.sheet_h - bottom - b.top};
    double fit = std::min(area.w / dw, area.h / dh);
    double s = mode == LayoutMode::original ? 1.0 : (may_grow ? fit : std::min(1.0, fit));
    p.evidence = {area.x + (area.w - s * dw) / 2, area.y + (area.h - s * dh) / 2, s * dw, s * dh};
    p.scale = s;
    if (caption_h > 0) {
        p.caption = {area.x, b.bottom, area.w, caption_h};
    }
    bool quarter = rotate == 90 || rotate == 270;
    double uw = quarter ? p.sheet_h : p.sheet_w;
    double uh = quarter ? p.sheet_w : p.sheet_h;
    p.media = {0, 0, uw, uh};
    p.evidence_user = display_to_user_rect(p.evidence, rotate, uw, uh);
    p.display_to_user = display_to_user_matrix(rotate, uw, uh);
    return p;
}

std::string num(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", std::abs(v) < 5e-5 ? 0.0 : v);
    // Trailing zeros off: "12.5000" -> "12.5", "3.0000" -> "3".
    std::string s(buf);
    s.erase(s.find_last_not_of('0') + 1);
    if (!s.empty() && s.back() == '.') {
        s.pop_back();
    }
    return s;
}

} // namespace

bool parse_layout_mode(const std::string& s, LayoutMode& out)
{
    if (s == "a4") {
        out = LayoutMode::a4;
        return true;
    }
    if (s == "original") {
        out = LayoutMode::original;
        return true;
    }
    return false;
}

std::vector<SealSlicePlan> plan_seal_slices(int pages, double diameter, double min_slice, double max_slice)
{
    std::vector<SealSlicePlan> out;
    if (pages <= 0 || diameter <= 0) {
        return out;
    }
    int per_group = std::max(1, static_cast<int>(std::floor(diameter / min_slice + 1e-9)));
    int groups = (pages + per_group - 1) / per_group;
    for (int g = 0, start = 0; g < groups; ++g) {
        // Balanced: the first (pages % groups) groups take one page more.
        int size = pages / groups + (g < pages % groups ? 1 : 0);
        double d = std::min(diameter, size * max_slice);
        for (int k = 0; k < size; ++k) {
            out.push_back({k, size, d});
        }
        start += size;
    }
    return out;
}

int normalise_rotate(long long degrees)
{
    long long r = ((degrees % 360) + 360) % 360;
    return r == 90 || r == 180 || r == 270 ? static_cast<int>(r) : 0;
}

Placement place_page(const Rect& box, int rotate, LayoutMode mode, double caption_h, const Bands& bands)
{
    rotate = normalise_rotate(rotate);
    bool quarter = rotate == 90 || rotate == 270;
    double dw = quarter ? box.h : box.w;
    double dh = quarter ? box.w : box.h;
    Placement p = place(dw, dh, rotate, mode, caption_h, bands, false);
    // The source box, scaled, lands on the evidence rectangle in user coordinates.
    p.tx = p.evidence_user.x - p.scale * box.x;
    p.ty = p.evidence_user.y - p.scale * box.y;
    return p;
}

Placement place_image(double w, double h, LayoutMode mode, double caption_h, const Bands& bands)
{
    Placement p = place(w, h, 0, mode, caption_h, bands, true);
    p.tx = p.evidence.x;
    p.ty = p.evidence.y;
    return p;
}

Placement generated_page()
{
    Placement p;
    p.sheet_w = a4_short;
    p.sheet_h = a4_long;
    p.media = {0, 0, a4_short, a4_long};
    return p;
}

std::string placement_prefix(const Placement& p)
{
    const Rect& c = p.evidence_user;
    return "q " + num(c.x) + " " + num(c.y) + " " + num(c.w) + " " + num(c.h) + " re W n " + num(p.scale) + " 0 0 "
        + num(p.scale) + " " + num(p.tx) + " " + num(p.ty) + " cm\n";
}

bool parse_placement_prefix(const std::string& s, Matrix& cm, Rect& clip)
{
    static const std::regex pattern(
        R"(q (-?[0-9.]+) (-?[0-9.]+) (-?[0-9.]+) (-?[0-9.]+) re W n (-?[0-9.]+) 0 0 (-?[0-9.]+) (-?[0-9.]+) (-?[0-9.]+) cm\n)");
    std::smatch m;
    // Ours is under 150 bytes; a long stream from a hostile file must not reach std::regex,
    // whose matcher recurses per character.
    if (s.size() > 256 || !std::regex_match(s, m, pattern)) {
        return false;
    }
    auto d = [&](int k) { return std::stod(m[k].str()); };
    clip = {d(1), d(2), d(3), d(4)};
    cm = {d(5), 0, 0, d(6), d(7), d(8)};
    return cm[0] == cm[3] && cm[0] > 0;
}

} // namespace evpack::pdf
