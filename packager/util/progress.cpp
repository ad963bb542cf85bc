#include "util/progress.hpp"

#include "util/terminal.hpp"
#include "util/unicode.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <sys/ioctl.h>
#include <unistd.h>

namespace evpack::util {

namespace {

std::int64_t now_ms()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

} // namespace

Progress::Progress(std::string label, std::uint64_t total, Unit unit, bool enabled)
    : m_label(std::move(label)), m_total(total), m_unit(unit), m_enabled(enabled && stderr_is_terminal()),
      m_start_ms(now_ms())
{
}

Progress::~Progress() { finish(); }

bool Progress::stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

void Progress::advance(std::uint64_t done, const std::string& detail)
{
    m_done = done;
    m_detail = terminal_safe(detail); // may be an entry's name, from a package
    draw(false);
}

void Progress::tally(std::uint64_t pages, std::uint64_t bytes)
{
    m_pages = pages;
    m_bytes = bytes;
}

std::string Progress::line(double elapsed) const
{
    auto mb = [](std::uint64_t bytes) {
        if (bytes >= 10000000) {
            return std::to_string((bytes + 500000) / 1000000);
        }
        std::uint64_t tenths = (bytes + 50000) / 100000;
        return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
    };
    double fraction = m_total ? static_cast<double>(m_done) / static_cast<double>(m_total) : 1.0;
    fraction = std::min(fraction, 1.0);
    const int width = 24;
    int filled = static_cast<int>(fraction * width);
    std::string text = m_label + " [" + std::string(static_cast<std::size_t>(filled), '#')
        + std::string(static_cast<std::size_t>(width - filled), '-') + "] ";
    std::uint64_t bytes = m_bytes;
    if (m_unit == Unit::bytes) {
        text += mb(m_done) + "/" + mb(m_total) + " MB";
        bytes = m_done;
    } else {
        text += std::to_string(m_done) + "/" + std::to_string(m_total) + (m_unit == Unit::packages ? " packages" : m_unit == Unit::pages ? " pages" : " files");
        if (m_pages > 0) {
            text += " · " + std::to_string(m_pages) + " pages";
        }
        if (m_bytes > 0) {
            text += " · " + mb(m_bytes) + " MB";
        }
    }
    if (bytes > 0 && elapsed >= 0.5) {
        text += " · " + mb(static_cast<std::uint64_t>(static_cast<double>(bytes) / elapsed)) + " MB/s";
    }
    if (fraction > 0.02 && fraction < 1.0) {
        text += " · ETA " + std::to_string(static_cast<long>(elapsed / fraction - elapsed + 0.5)) + "s";
    }
    if (!m_detail.empty()) {
        text += "  " + truncate_width(m_detail, 40);
    }
    return text;
}

void Progress::draw(bool force)
{
    if (!m_enabled) {
        return;
    }
    std::int64_t now = now_ms();
    if (!force && now - m_last_draw_ms < 100) {
        return;
    }
    m_last_draw_ms = now;
    std::string text = line(static_cast<double>(now - m_start_ms) / 1000.0);
    // A line longer than the terminal wraps, and \r would then redraw only its last part.
    winsize ws{};
    if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 1) {
        text = truncate_width(text, ws.ws_col - 1u);
    }
    std::fprintf(stderr, "\r\033[K%s", text.c_str());
    std::fflush(stderr);
    m_drawn = true;
}

void Progress::finish()
{
    if (m_enabled && m_drawn) {
        std::fprintf(stderr, "\r\033[K");
        std::fflush(stderr);
        m_drawn = false;
    }
}

} // namespace evpack::util
