#include "pdf/page_layout.hpp"

#include <gtest/gtest.h>

using namespace evpack::pdf;

namespace {

// The bands of a placement, display coordinates: binding margin, outer edge, top, bottom.
std::vector<Rect> bands_of(const Placement& p)
{
    Bands b;
    return {{0, 0, b.binding, p.sheet_h},
            {p.sheet_w - b.outer, 0, b.outer, p.sheet_h},
            {0, p.sheet_h - b.top, p.sheet_w, b.top},
            {0, 0, p.sheet_w, b.bottom}};
}

bool inside(const Rect& r, double w, double h)
{
    return r.x >= -1e-6 && r.y >= -1e-6 && r.x + r.w <= w + 1e-6 && r.y + r.h <= h + 1e-6;
}

} // namespace

TEST(PageLayout, A4PageIsScaledDownOntoAnA4SheetInsideTheBands)
{
    Placement p = place_page({0, 0, 595.276, 841.89}, 0, LayoutMode::a4);
    EXPECT_DOUBLE_EQ(p.sheet_w, a4_short);
    EXPECT_DOUBLE_EQ(p.sheet_h, a4_long);
    EXPECT_LT(p.scale, 1.0);
    EXPECT_NEAR(p.evidence.w / p.evidence.h, 595.276 / 841.89, 1e-9); // undistorted
    EXPECT_GE(p.evidence.x, Bands{}.binding - 1e-9);
}

TEST(PageLayout, SmallPageIsNeverScaledUp)
{
    Placement p = place_page({0, 0, 200, 100}, 0, LayoutMode::a4);
    EXPECT_DOUBLE_EQ(p.scale, 1.0);
    EXPECT_DOUBLE_EQ(p.evidence.w, 200);
    EXPECT_DOUBLE_EQ(p.sheet_w, a4_long); // wider than tall: a landscape sheet
}

TEST(PageLayout, EvidenceNeverMeetsABandWhateverItsShapeAndRotation)
{
    for (double w : {50.0, 595.0, 612.0, 842.0, 1191.0, 14400.0}) {
        for (double h : {50.0, 792.0, 842.0, 2000.0, 14400.0}) {
            for (int rot : {0, 90, 180, 270, -90, 450}) {
                for (LayoutMode mode : {LayoutMode::a4, LayoutMode::original}) {
                    for (double caption : {0.0, 36.0}) {
                        Placement p = place_page({-10, 20, w, h}, rot, mode, caption);
                        SCOPED_TRACE(std::to_string(w) + "x" + std::to_string(h) + " rot " + std::to_string(rot));
                        EXPECT_TRUE(inside(p.evidence, p.sheet_w, p.sheet_h));
                        // Less a rounding error: touching a band is fine, entering it is not.
                        Rect e{p.evidence.x + 1e-6, p.evidence.y + 1e-6, p.evidence.w - 2e-6, p.evidence.h - 2e-6};
                        for (const Rect& band : bands_of(p)) {
                            EXPECT_FALSE(e.intersects(band)) << band.x << "," << band.y << " " << band.w << "x" << band.h;
                        }
                        if (caption > 0) {
                            EXPECT_FALSE(e.intersects(p.caption));
                        }
                        // The source box lands exactly on the evidence rectangle, in user space.
                        EXPECT_NEAR(p.map_x(-10), p.evidence_user.x, 1e-6);
                        EXPECT_NEAR(p.map_y(20), p.evidence_user.y, 1e-6);
                        EXPECT_TRUE(inside(p.evidence_user, p.media.w, p.media.h));
                    }
                }
            }
        }
    }
}

TEST(PageLayout, RotatedPortraitBoxShowsLandscapeAndKeepsItsRotation)
{
    Placement p = place_page({0, 0, 612, 792}, 90, LayoutMode::a4);
    EXPECT_EQ(p.rotate, 90);
    EXPECT_DOUBLE_EQ(p.sheet_w, a4_long); // displayed landscape
    EXPECT_DOUBLE_EQ(p.media.w, a4_short); // user space is the sheet turned back
    EXPECT_DOUBLE_EQ(p.media.h, a4_long);
    // The display-to-user matrix maps the display's bottom-left corner to the user's top-left.
    const Matrix& m = p.display_to_user;
    EXPECT_DOUBLE_EQ(m[0] * 0 + m[2] * 0 + m[4], a4_short);
    EXPECT_DOUBLE_EQ(m[1] * 0 + m[3] * 0 + m[5], 0);
}

TEST(PageLayout, OriginalModeKeepsTheSizeAndAddsTheBandsOutside)
{
    Placement p = place_page({0, 0, 612, 792}, 0, LayoutMode::original);
    Bands b;
    EXPECT_DOUBLE_EQ(p.scale, 1.0);
    EXPECT_DOUBLE_EQ(p.sheet_w, 612 + b.binding + b.outer);
    EXPECT_DOUBLE_EQ(p.sheet_h, 792 + b.top + b.bottom);
}

TEST(PageLayout, ImagesAreFittedToTheArea)
{
    Placement p = place_image(4000, 3000, LayoutMode::a4);
    EXPECT_DOUBLE_EQ(p.sheet_w, a4_long);
    Placement small = place_image(100, 50, LayoutMode::a4);
    EXPECT_GT(small.scale, 1.0); // a photo fills the sheet, as a print of it would
}

TEST(PageLayout, PrefixRoundTripsForVerify)
{
    Placement p = place_page({0, 0, 612, 792}, 0, LayoutMode::a4);
    std::string prefix = placement_prefix(p);
    Matrix cm;
    Rect clip;
    ASSERT_TRUE(parse_placement_prefix(prefix, cm, clip)) << prefix;
    EXPECT_NEAR(cm[0], p.scale, 1e-4);
    EXPECT_NEAR(clip.w, p.evidence_user.w, 1e-4);
    EXPECT_FALSE(parse_placement_prefix("q 1 0 0 1 0 0 cm\n", cm, clip));
    EXPECT_FALSE(parse_placement_prefix(prefix + "1 1 1 rg 0 0 600 800 re f\n", cm, clip)); // a box over it
}

TEST(PageLayout, SealSlicesStayAtLeast3mmAndFitTheOuterBand)
{
    double seal = 42 * mm;
    for (int pages : {1, 2, 3, 5, 13, 14, 15, 28, 29, 100, 2288}) {
        std::vector<SealSlicePlan> plan = plan_seal_slices(pages, seal);
        ASSERT_EQ(static_cast<int>(plan.size()), pages);
        int groups = 0;
        for (std::size_t k = 0; k < plan.size(); ++k) {
            const SealSlicePlan& s = plan[k];
            double width = s.diameter / s.count;
            EXPECT_GE(width, 3 * mm - 1e-9) << pages;
            EXPECT_LE(width, Bands{}.outer + 1e-9) << pages;
            EXPECT_LE(s.count, 14);
            groups += s.index == 0 ? 1 : 0;
            if (k > 0) { // slices run 0..count-1 through each group, in page order
                EXPECT_EQ(s.index, plan[k - 1].index + 1 == plan[k - 1].count ? 0 : plan[k - 1].index + 1);
            }
        }
        EXPECT_EQ(groups, (pages + 13) / 14);
    }
    EXPECT_EQ(plan_seal_slices(15, seal)[0].count, 8); // 8 + 7, not 14 + 1
    EXPECT_DOUBLE_EQ(plan_seal_slices(2, seal)[0].diameter, 2 * Bands{}.outer); // a 20 mm seal on two pages
}
