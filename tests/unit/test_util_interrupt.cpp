#include "util/interrupt.hpp"

#include <csignal>
#include <cstdlib>
#include <dirent.h>
#include <filesystem>
#include <gtest/gtest.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

using namespace evpack;

namespace {

std::string list(const std::string& dir)
{
    std::string names;
    DIR* d = opendir(dir.c_str());
    while (dirent* e = readdir(d)) {
        std::string name = e->d_name;
        if (name != "." && name != "..") {
            names += name + " ";
        }
    }
    closedir(d);
    return names;
}

// In a child: interrupts itself, then goes on creating temporary files and folders as fast as it
// can, as build's and verify's threads do until the signal ends the process.
[[noreturn]] void create_while_interrupted(const std::string& dir)
{
    ::setenv("TMPDIR", dir.c_str(), 1);
    util::install_interrupt_cleanup();
    std::string folder = dir + "/folder-XXXXXX";
    if (!util::create_temporary_folder(folder)) {
        ::_exit(3);
    }
    ::kill(::getpid(), SIGINT);
    for (int i = 0;; ++i) {
        std::string file = dir + "/file-XXXXXX";
        int fd = util::create_temporary_file(file);
        if (fd < 0) {
            ::_exit(4);
        }
        ::close(fd);
        // Opened again by name, as the appendix is (its writer takes a path).
        if (std::FILE* f = util::reopen_temporary_file(file)) {
            std::fclose(f);
        }
        if (std::FILE* f = util::create_in_temporary_folder(folder + "/" + std::to_string(i))) {
            std::fclose(f);
        }
    }
}

} // namespace

// The cleanup thread removes what is registered while the other threads go on until the process
// dies: a file made at that moment must not be left behind (it was, now and then, in CI under
// valgrind). A tight loop of creations hits the moment in most of these runs.
TEST(UtilInterrupt, NothingIsLeftByCreationsRacingTheCleanup)
{
    std::string dir = "/tmp/evpack-test-XXXXXX";
    ASSERT_NE(::mkdtemp(dir.data()), nullptr);
    for (int run = 0; run < 50 && !HasFailure(); ++run) {
        pid_t pid = ::fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            create_while_interrupted(dir);
        }
        int status = 0;
        ASSERT_EQ(::waitpid(pid, &status, 0), pid);
        EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT) << "run " << run << ": status " << status;
        EXPECT_EQ(list(dir), "") << "run " << run;
    }
    std::filesystem::remove_all(dir);
}
