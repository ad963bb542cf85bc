#pragma once

#include <cstdint>
#include <string>

namespace evpack::util {

// A one-line progress display on stderr, shown only when stderr is a terminal and not quieted:
//   build [#########---------------] 312/1402 files · 1210 pages · 210 MB · 95 MB/s · ETA 4s  scans/a.pdf
//   verify [#####-------------------] 420/1141 MB · 760 MB/s · ETA 1s  data/appendix.pdf
// Redraws at most every 100 ms so that it never slows the work it reports on.
class Progress
{
public:
    enum class Unit { files, bytes, packages, pages };

    Progress(std::string label, std::uint64_t total, Unit unit, bool enabled);
    ~Progress();

    static bool stderr_is_terminal();

    void advance(std::uint64_t done, const std::string& detail = {});
    // For a count of files: the pages and bytes they came to so far (shown, and the rate).
    void tally(std::uint64_t pages, std::uint64_t bytes);
    void finish();

    // The line as drawn, for a given time since the start; public for tests.
    std::string line(double elapsed_seconds) const;

private:
    void draw(bool force);

    std::string m_label;
    std::uint64_t m_total;
    Unit m_unit;
    std::uint64_t m_done = 0;
    std::uint64_t m_pages = 0;
    std::uint64_t m_bytes = 0;
    std::string m_detail;
    bool m_enabled;
    bool m_drawn = false;
    std::int64_t m_start_ms;
    std::int64_t m_last_draw_ms = 0;
};

} // namespace evpack::util
