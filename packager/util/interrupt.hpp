#pragma once

// What evpack is writing when it is interrupted (Ctrl-C, kill, a closed terminal) is removed
// before it dies: no temporary file or folder is left beside the outputs or in $TMPDIR.

#include <string>

namespace evpack::util {

// Call first thing in main, before any other thread starts: blocks SIGINT, SIGTERM and SIGHUP
// in every thread and waits for them on a thread of its own, which removes the registered
// paths and then dies of the same signal. Also ignores SIGXFSZ, so that a file-size limit
// (ulimit -f) is a write error we report, not a silent death.
void install_interrupt_cleanup();

// Paths to remove (recursively) if interrupted; AtomicFile and TempDir register theirs. A path
// registered once the cleanup has begun (other threads go on until the process dies) is removed
// at once.
void remove_on_interrupt(const std::string& path);
void keep_on_interrupt(const std::string& path);

} // namespace evpack::util
