#pragma once

// What evpack is writing when it is interrupted (Ctrl-C, kill, a closed terminal) is removed
// before it dies: no temporary file or folder is left beside the outputs or in $TMPDIR.

#include <cstdio>
#include <functional>
#include <string>
#include <sys/types.h>

namespace evpack::util {

// Call first thing in main, before any other thread starts: blocks SIGINT, SIGTERM and SIGHUP
// in every thread and waits for them on a thread of its own, which removes the registered
// paths and then dies of the same signal. Also ignores SIGXFSZ, so that a file-size limit
// (ulimit -f) is a write error we report, not a silent death.
void install_interrupt_cleanup();

// mkstemp and mkdtemp on templ ("...XXXXXX"), registered for removal if interrupted in the same
// step: the other threads go on until the process dies, and an interrupt falling between
// creating and registering would leave the path behind. Once the cleanup has run these wait for
// the process to die instead of creating. They return what mkstemp returns, and whether mkdtemp
// made the folder (errno says why not).
int create_temporary_file(std::string& templ);
bool create_temporary_folder(std::string& templ);
// Creates a new file for writing inside a registered folder, never after the cleanup removed it.
std::FILE* create_in_temporary_folder(const std::string& path);

// Creates a folder (mkdir) inside a registered folder, never after the cleanup removed it.
bool create_folder_in_temporary_folder(const std::string& path, unsigned mode);

// Opens a file made by create_temporary_file again, emptied, for a library that writes by file
// name: never made again once the cleanup removed it (fopen "wb" would leave it behind, empty).
std::FILE* reopen_temporary_file(const std::string& path);

// Runs spawn, which starts a child in a process group of its own and returns its id (the
// group's) or -1, with the cleanup held off, and registers the group: the cleanup kills it
// (SIGKILL to the whole group) before it removes the registered paths, so that no child goes on
// writing into them or outlives evpack. forget_process_group once the group is gone.
pid_t spawn_process_group(const std::function<pid_t()>& spawn);
void forget_process_group(pid_t group);

// Takes a path made by the above out of the cleanup (removed, or renamed into place).
void keep_on_interrupt(const std::string& path);

} // namespace evpack::util
