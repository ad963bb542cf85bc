#pragma once

#include <cstdint>
#include <string>

namespace evpack::util {

// A one-line progress display on stderr, shown only when stderr is a terminal and not quieted.
// Redraws at most every 100 ms so that it never slows the work it reports on.
class Progress
{
public:
    Progress(std::string label, std::uint64_t total, bool enabled);
    ~Progress();

    static bool stderr_is_terminal();

    void advance(std::uint64_t done, const std::string& detail = {});
    void finish();

private:
    void draw(bool force);

    std::string m_label;
    std::uint64_t m_total;
    std::uint64_t m_done = 0;
    std::string m_detail;
    bool m_enabled;
    bool m_drawn = false;
    std::int64_t m_start_ms;
    std::int64_t m_last_draw_ms = 0;
};

} // namespace evpack::util
