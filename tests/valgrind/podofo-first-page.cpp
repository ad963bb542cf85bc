// Evidence for tests/valgrind/podofo.supp: PoDoFo alone, no evpack code. Under memcheck the
// object pointer of page 1 comes back undefined (valgrind reports its uses), though it is right;
// so does every pointer PdfVecObjects::GetObject returns (the origin is a stack allocation in
// GetObject itself), here object 1's.
// tests/valgrind/memcheck runs this first: when a PoDoFo release fixes it, the script says so
// and the suppression can go.
#include <podofo/podofo.h>
#include <cstdio>

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: podofo-first-page FILE.pdf\n");
        return 2;
    }
    PoDoFo::PdfError::EnableDebug(false);
    PoDoFo::PdfMemDocument doc;
    doc.Load(argv[1]);
    PoDoFo::PdfObject* page = doc.GetPage(0)->GetObject();
    PoDoFo::PdfReference ref = page->Reference();
    std::printf("page 1 is object %u\n", ref.ObjectNumber());
    PoDoFo::PdfObject* first = doc.GetObjects().GetObject(PoDoFo::PdfReference(1, 0));
    std::printf("object 1 %s a dictionary\n", first && first->IsDictionary() ? "is" : "is not");
    return 0;
}
