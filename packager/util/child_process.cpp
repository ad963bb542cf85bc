#include "util/child_process.hpp"

#include "util/error.hpp"
#include "util/interrupt.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace evpack::util {

namespace {

std::vector<std::string> child_environment(const std::vector<std::pair<std::string, std::string>>& extra)
{
    std::vector<std::string> out;
    for (char** e = environ; *e; ++e) {
        std::string entry(*e);
        std::string name = entry.substr(0, entry.find('='));
        bool replaced = false;
        for (const auto& kv : extra) {
            replaced = replaced || kv.first == name;
        }
        if (!replaced) {
            out.push_back(entry);
        }
    }
    for (const auto& kv : extra) {
        out.push_back(kv.first + "=" + kv.second);
    }
    return out;
}

std::vector<char*> pointers(std::vector<std::string>& strings)
{
    std::vector<char*> out;
    for (std::string& s : strings) {
        out.push_back(s.data());
    }
    out.push_back(nullptr);
    return out;
}

// posix_spawn's attributes and file actions, freed on every path.
struct SpawnSetup
{
    posix_spawnattr_t attr;
    posix_spawn_file_actions_t actions;
    SpawnSetup()
    {
        posix_spawnattr_init(&attr);
        posix_spawn_file_actions_init(&actions);
    }
    ~SpawnSetup()
    {
        posix_spawn_file_actions_destroy(&actions);
        posix_spawnattr_destroy(&attr);
    }
};

} // namespace

ChildResult run_child(const ChildOptions& options)
{
    if (options.argv.empty()) {
        throw Error("no program to run");
    }
    std::vector<std::string> args = options.argv;
    std::vector<std::string> env = child_environment(options.env);
    std::vector<char*> argv = pointers(args);
    std::vector<char*> envp = pointers(env);

    SpawnSetup setup;
    // A group of its own, and the signals evpack blocks (util/interrupt) unblocked and at their
    // defaults: the child must die of what kills it.
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGXFSZ}) {
        sigaddset(&defaults, sig);
    }
    posix_spawnattr_setflags(&setup.attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    posix_spawnattr_setpgroup(&setup.attr, 0);
    posix_spawnattr_setsigmask(&setup.attr, &none);
    posix_spawnattr_setsigdefault(&setup.attr, &defaults);
    posix_spawn_file_actions_addopen(&setup.actions, 0, "/dev/null", O_RDONLY, 0);
    std::string output = options.output_path.empty() ? "/dev/null" : options.output_path;
    posix_spawn_file_actions_addopen(&setup.actions, 1, output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&setup.actions, 1, 2);

    int spawn_error = 0;
    pid_t pid = spawn_process_group([&]() -> pid_t {
        pid_t child = -1;
        spawn_error = args[0].find('/') == std::string::npos
            ? posix_spawnp(&child, argv[0], &setup.actions, &setup.attr, argv.data(), envp.data())
            : posix_spawn(&child, argv[0], &setup.actions, &setup.attr, argv.data(), envp.data());
        return spawn_error == 0 ? child : -1;
    });
    if (pid <= 0) {
        throw Error(Position{options.argv[0]}, std::string("cannot be run: ") + std::strerror(spawn_error));
    }

    ChildResult result;
    auto deadline = std::chrono::steady_clock::now() + options.timeout;
    siginfo_t info{};
    for (;;) {
        // WNOWAIT: the child stays a zombie, so its id (the group's) cannot be reused before
        // the group is killed below.
        info.si_pid = 0;
        if (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) != 0 && errno != EINTR) {
            break;
        }
        if (info.si_pid == pid) {
            break;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            result.timed_out = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ::kill(-pid, SIGKILL); // whatever is left of the group: grandchildren, or all on a timeout
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    forget_process_group(pid);
    if (WIFEXITED(status)) {
        result.exit_status = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        result.signal = WTERMSIG(status);
    }
    return result;
}

} // namespace evpack::util
