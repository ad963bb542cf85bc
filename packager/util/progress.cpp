#include "util/progress.hpp"

#include "util/unicode.hpp"

#include <chrono>
#include <cstdio>
#include <unistd.h>

namespace evpack::util {

namespace {

std::int64_t now_ms()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

} // namespace

Progress::Progress(std::string label, std::uint64_t total, bool enabled)
    : m_label(std::move(label)), m_total(total), m_enabled(enabled && stderr_is_terminal()), m_start_ms(now_ms())
{
}

Progress::~Progress() { finish(); }

bool Progress::stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

void Progress::advance(std::uint64_t done, const std::string& detail)
{
    m_done = done;
    m_detail = detail;
    draw(false);
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
    double fraction = m_total ? static_cast<double>(m_done) / static_cast<double>(m_total) : 1.0;
    const int width = 24;
    int filled = static_cast<int>(fraction * width);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar += std::string(static_cast<std::size_t>(width - filled), '-');
    double elapsed = static_cast<double>(now - m_start_ms) / 1000.0;
    std::string eta;
    if (fraction > 0.02 && fraction < 1.0) {
        eta = " ETA " + std::to_string(static_cast<int>(elapsed / fraction - elapsed)) + "s";
    }
    std::fprintf(stderr, "\r\033[K%s [%s] %llu/%llu%s %s", m_label.c_str(), bar.c_str(),
                 static_cast<unsigned long long>(m_done), static_cast<unsigned long long>(m_total), eta.c_str(),
                 truncate_width(m_detail, 40).c_str());
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
