#pragma once

// Runs another program (LibreOffice) as a child that cannot outlive its run: it gets a process
// group of its own, and that whole group is killed when the run times out, when evpack is
// interrupted (util/interrupt), and after the child itself has exited, so that no grandchild it
// started (soffice.bin under oosplash) goes on running.

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace evpack::util {

struct ChildOptions
{
    std::vector<std::string> argv; // argv[0] is looked up in PATH when it has no '/'
    std::vector<std::pair<std::string, std::string>> env; // set (or replaced) in the child's environment
    std::string output_path; // the child's stdout and stderr, together; /dev/null when empty
    std::chrono::milliseconds timeout{60000};
};

struct ChildResult
{
    bool timed_out = false;
    int exit_status = -1; // when it exited; -1 when killed by a signal
    int signal = 0;       // the signal that ended it
};

// Runs the child to its end or until the timeout. Throws Error when it cannot be started (the
// program does not exist, or is not executable).
ChildResult run_child(const ChildOptions& options);

} // namespace evpack::util
