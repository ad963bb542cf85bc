#include "util/child_process.hpp"

#include "util/error.hpp"
#include "util/file.hpp"
#include "util/interrupt.hpp"

#include <chrono>
#include <csignal>
#include "helpers.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace evpack;

namespace {

// Whether a process is still running (a zombie no longer runs: it has died, unreaped).
bool running(pid_t pid)
{
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(stat, line)) {
        return false;
    }
    auto close = line.rfind(')');
    return close != std::string::npos && line.size() > close + 2 && line[close + 2] != 'Z';
}

pid_t read_pid(const std::string& path)
{
    for (int i = 0; i < 200; ++i) {
        std::ifstream in(path);
        pid_t pid = 0;
        if (in >> pid && pid > 0) {
            return pid;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return 0;
}

bool gone_soon(pid_t pid)
{
    for (int i = 0; i < 200 && running(pid); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return !running(pid);
}

struct ChildProcess : test::ScratchDir
{
};

} // namespace

TEST_F(ChildProcess, ExitStatusAndOutputAreKept)
{
    util::ChildOptions o;
    o.argv = {"sh", "-c", "echo \"$GREETING\"; echo oops >&2; exit 3"};
    o.env = {{"GREETING", "你好"}};
    o.output_path = dir + "/out.txt";
    util::ChildResult r = util::run_child(o);
    EXPECT_FALSE(r.timed_out);
    EXPECT_EQ(r.exit_status, 3);
    EXPECT_EQ(util::read_file(o.output_path), "你好\noops\n");
}

// oosplash starts soffice.bin and a SIGKILL to oosplash alone leaves soffice.bin running: the
// whole group must go, the grandchild with it.
TEST_F(ChildProcess, ATimeoutKillsTheChildAndWhatItStarted)
{
    util::ChildOptions o;
    o.argv = {"sh", "-c", "sleep 60 & echo $! > " + dir + "/grandchild; wait"};
    o.timeout = std::chrono::milliseconds(500);
    auto start = std::chrono::steady_clock::now();
    util::ChildResult r = util::run_child(o);
    EXPECT_TRUE(r.timed_out);
    EXPECT_EQ(r.signal, SIGKILL);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
    pid_t grandchild = read_pid(dir + "/grandchild");
    ASSERT_GT(grandchild, 0);
    EXPECT_TRUE(gone_soon(grandchild));
}

// A child that exits normally but leaves a process behind in its group: that one is killed too.
TEST_F(ChildProcess, WhatAChildLeftBehindIsKilledWhenItExits)
{
    util::ChildOptions o;
    o.argv = {"sh", "-c", "sleep 60 & echo $! > " + dir + "/left; exit 0"};
    util::ChildResult r = util::run_child(o);
    EXPECT_EQ(r.exit_status, 0);
    pid_t left = read_pid(dir + "/left");
    ASSERT_GT(left, 0);
    EXPECT_TRUE(gone_soon(left));
}

TEST_F(ChildProcess, AProgramThatDoesNotExistIsAnError)
{
    util::ChildOptions o;
    o.argv = {dir + "/no-such-program"};
    EXPECT_THROW(util::run_child(o), Error);
}

// Ctrl-C while a child runs: evpack dies of the signal and the child's group with it.
TEST_F(ChildProcess, AnInterruptKillsTheChildsGroup)
{
    std::string pidfile = dir + "/grandchild";
    pid_t evpack = ::fork();
    ASSERT_GE(evpack, 0);
    if (evpack == 0) {
        util::install_interrupt_cleanup();
        util::ChildOptions o;
        o.argv = {"sh", "-c", "sleep 60 & echo $! > " + pidfile + "; wait"};
        o.timeout = std::chrono::seconds(60);
        util::run_child(o);
        ::_exit(0);
    }
    pid_t grandchild = read_pid(pidfile);
    ASSERT_GT(grandchild, 0);
    ::kill(evpack, SIGINT);
    int status = 0;
    ::waitpid(evpack, &status, 0);
    EXPECT_TRUE(WIFSIGNALED(status));
    EXPECT_TRUE(gone_soon(grandchild));
}
