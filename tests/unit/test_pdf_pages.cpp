#include "pdf/inspect.hpp"
#include "pdf/load.hpp"
#include "util/error.hpp"

#include <cstdio>
#include <fstream>
#include <gtest/gtest.h>
#include <string>
#include <unistd.h>
#include <vector>

using namespace evpack;

namespace {

// A PDF whose object n + 1 is objects[n]; object 1 must be the catalog.
std::string make_pdf(const std::vector<std::string>& objects)
{
    std::string pdf = "%PDF-1.4\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    std::size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (std::size_t offset : offsets) {
        char line[21];
        std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
        pdf += line;
    }
    pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return pdf;
}

// The page numbers (the /N each test page carries) page_objects finds, in order.
std::vector<int> page_numbers(const std::vector<std::string>& objects)
{
    std::string path = "/tmp/evpack-test-pages-" + std::to_string(::getpid()) + ".pdf";
    std::ofstream(path, std::ios::binary) << make_pdf(objects);
    pdf::init_library();
    PoDoFo::PdfMemDocument doc;
    auto in = pdf::load_file(doc, path);
    std::vector<int> numbers;
    try {
        for (PoDoFo::PdfObject* page : pdf::page_objects(doc)) {
            numbers.push_back(static_cast<int>(page->GetDictionary().GetKey("N")->GetNumber()));
        }
    } catch (...) {
        std::remove(path.c_str());
        throw;
    }
    std::remove(path.c_str());
    return numbers;
}

std::string page(int n, int parent) { return "<< /Type /Page /Parent " + std::to_string(parent) + " 0 R /N " + std::to_string(n) + " >>"; }
const std::string catalog = "<< /Type /Catalog /Pages 2 0 R >>";

} // namespace

// Real page trees nest: pages come out in document order, whatever the depth.
TEST(PdfPages, NestedTreeInDocumentOrder)
{
    EXPECT_EQ(page_numbers({catalog, "<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 3 >>",
                            "<< /Type /Pages /Parent 2 0 R /Kids [4 0 R 5 0 R] /Count 2 >>", page(1, 3), page(2, 3), page(3, 2)}),
              (std::vector<int>{1, 2, 3}));
}

// A tree claiming fewer pages than it holds gives what it claims, as PoDoFo's count does.
TEST(PdfPages, CountBoundsThePages)
{
    EXPECT_EQ(page_numbers({catalog, "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 1 >>", page(1, 2), page(2, 2)}),
              (std::vector<int>{1}));
}

// Damaged trees are errors, never a loop or a crash.
TEST(PdfPages, DamagedTreesAreErrors)
{
    // A node that is its own descendant.
    EXPECT_THROW(page_numbers({catalog, "<< /Type /Pages /Kids [3 0 R] /Count 2 >>",
                               "<< /Type /Pages /Parent 2 0 R /Kids [4 0 R 3 0 R] /Count 2 >>", page(1, 3)}),
                 Error);
    // A kid that does not exist, and more pages claimed than there are.
    EXPECT_THROW(page_numbers({catalog, "<< /Type /Pages /Kids [3 0 R 9 0 R] /Count 2 >>", page(1, 2)}), Error);
    EXPECT_THROW(page_numbers({catalog, "<< /Type /Pages /Kids [3 0 R] /Count 2 >>", page(1, 2)}), Error);
    // A kid that is neither a page nor a node.
    EXPECT_THROW(page_numbers({catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Font >>"}), Error);
}
