#include "util/interrupt.hpp"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <mutex>
#include <pthread.h>
#include <sys/stat.h>
#include <set>
#include <thread>
#include <unistd.h>

namespace evpack::util {

namespace {

std::mutex registry_mutex;
bool interrupted = false; // under registry_mutex: cleanup has run, the process is about to die
std::set<std::string>& registry()
{
    static std::set<std::string> paths;
    return paths;
}
std::set<pid_t>& process_groups()
{
    static std::set<pid_t> groups;
    return groups;
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
        // First the children, which may be writing into the folders about to be removed.
        for (pid_t group : process_groups()) {
            ::kill(-group, SIGKILL);
        }
        for (const std::string& path : registry()) {
            std::error_code ignored;
            std::filesystem::remove_all(path, ignored);
        }
    }
    std::signal(sig, SIG_DFL);
    pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
    raise(sig);
}

// Runs create with the cleanup held off, so that nothing it makes can appear after the cleanup
// ran or between its creation and registration. Once the cleanup has run the process is about to
// die of the signal: the caller waits for that instead of creating anything.
template <typename Create>
auto while_cleanup_held(Create create)
{
    std::unique_lock<std::mutex> lock(registry_mutex);
    if (interrupted) {
        lock.unlock();
        for (;;) {
            ::pause();
        }
    }
    return create();
}

} // namespace

int create_temporary_file(std::string& templ)
{
    return while_cleanup_held([&] {
        int fd = ::mkstemp(templ.data());
        if (fd >= 0) {
            registry().insert(templ);
        }
        return fd;
    });
}

bool create_temporary_folder(std::string& templ)
{
    return while_cleanup_held([&] {
        bool made = ::mkdtemp(templ.data()) != nullptr;
        if (made) {
            registry().insert(templ);
        }
        return made;
    });
}

std::FILE* create_in_temporary_folder(const std::string& path)
{
    return while_cleanup_held([&] { return std::fopen(path.c_str(), "wbx"); });
}

bool create_folder_in_temporary_folder(const std::string& path, unsigned mode)
{
    return while_cleanup_held([&] { return ::mkdir(path.c_str(), static_cast<mode_t>(mode)) == 0; });
}

std::FILE* reopen_temporary_file(const std::string& path)
{
    return while_cleanup_held([&]() -> std::FILE* {
        int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
        std::FILE* f = fd >= 0 ? ::fdopen(fd, "wb") : nullptr;
        if (fd >= 0 && !f) {
            ::close(fd);
        }
        return f;
    });
}

pid_t spawn_process_group(const std::function<pid_t()>& spawn)
{
    return while_cleanup_held([&] {
        pid_t pid = spawn();
        if (pid > 0) {
            process_groups().insert(pid);
        }
        return pid;
    });
}

void forget_process_group(pid_t group)
{
    std::lock_guard<std::mutex> lock(registry_mutex);
    process_groups().erase(group);
}

void install_interrupt_cleanup()
{
    std::signal(SIGXFSZ, SIG_IGN);
    sigset_t set = interrupt_signals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    std::thread(wait_for_interrupt).detach();
}

void keep_on_interrupt(const std::string& path)
{
    std::lock_guard<std::mutex> lock(registry_mutex);
    registry().erase(path);
}

} // namespace evpack::util
