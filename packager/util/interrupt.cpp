#include "util/interrupt.hpp"

#include <csignal>
#include <filesystem>
#include <mutex>
#include <pthread.h>
#include <set>
#include <thread>

namespace evpack::util {

namespace {

std::mutex registry_mutex;
bool interrupted = false; // under registry_mutex: cleanup has run, the process is about to die
std::set<std::string>& registry()
{
    static std::set<std::string> paths;
    return paths;
}

sigset_t interrupt_signals()
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    return set;
}

// A plain thread, not a signal handler: it may take locks and allocate, so removing a folder
// tree is safe here. The other threads go on until the process dies.
void wait_for_interrupt()
{
    sigset_t set = interrupt_signals();
    int sig = 0;
    if (sigwait(&set, &sig) != 0) {
        return;
    }
    {
        std::lock_guard<std::mutex> lock(registry_mutex);
        interrupted = true;
        for (const std::string& path : registry()) {
            std::error_code ignored;
            std::filesystem::remove_all(path, ignored);
        }
    }
    std::signal(sig, SIG_DFL);
    pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
    raise(sig);
}

} // namespace

void install_interrupt_cleanup()
{
    std::signal(SIGXFSZ, SIG_IGN);
    sigset_t set = interrupt_signals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    std::thread(wait_for_interrupt).detach();
}

void remove_on_interrupt(const std::string& path)
{
    std::lock_guard<std::mutex> lock(registry_mutex);
    if (interrupted) {
        // Made while the cleanup ran or after it, before the signal ends the process.
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
        return;
    }
    registry().insert(path);
}

void keep_on_interrupt(const std::string& path)
{
    std::lock_guard<std::mutex> lock(registry_mutex);
    registry().erase(path);
}

} // namespace evpack::util
