#include "cli/commands.hpp"

#include "util/error.hpp"
#include "util/interrupt.hpp"
#include "util/terminal.hpp"

#include <cstdio>
#include <cstring>
#include <exception>
#include <malloc.h>

namespace {

const char* usage = R"(usage: evpack <command> [options]

Assembles, checks, signs and verifies evidence packages for alliance
self-evaluation and assessment reports.

commands:
  forms     list the built-in forms
  init      write a manifest skeleton for a form
  check     check a manifest and its evidence files
  build     check, then write the bound appendix PDF and the signed package
  verify    check received packages: intact, signed, complete; a table,
            JSON, CSV or an HTML report for many at once
  extract   verify a package, then write what it holds into a new folder
  keygen    make a signing key and a self-signed certificate

Run 'evpack <command> --help' for a command's options.

exit status: 0 ok, 1 the input has problems, 2 usage or I/O error
)";

} // namespace

int main(int argc, char** argv)
{
    using namespace evpack;
    util::install_interrupt_cleanup();
    // Binding allocates and frees buffers of several MB per page (PoDoFo's streams, image rows).
    // glibc maps each one fresh and faults its pages in: 13% of build's time under perf. Freed
    // memory is kept for reuse instead; peak RSS is unchanged (measured on the medium corpus).
    mallopt(M_MMAP_THRESHOLD, 256 << 20);
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        std::fputs(usage, args.empty() ? stderr : stdout);
        return args.empty() ? cli::exit_usage : cli::exit_ok;
    }
    if (args[0] == "--version") {
        std::printf("evpack %s\n", EVPACK_VERSION);
        return cli::exit_ok;
    }
    std::string command = args[0];
    args.erase(args.begin());
    try {
        if (command == "forms") {
            return cli::run_forms(args);
        }
        if (command == "init") {
            return cli::run_init(args);
        }
        if (command == "check") {
            return cli::run_check(args);
        }
        if (command == "build") {
            return cli::run_build(args);
        }
        if (command == "verify") {
            return cli::run_verify(args);
        }
        if (command == "extract") {
            return cli::run_extract(args);
        }
        if (command == "keygen") {
            return cli::run_keygen(args);
        }
        std::fprintf(stderr, "evpack: unknown command '%s' (see evpack --help)\n", util::terminal_safe(command).c_str());
        return cli::exit_usage;
    } catch (const UsageError& e) {
        // Messages from the argument parser already start with "evpack <command>:". Every message
        // may name something from a package or a manifest: printed safe for the terminal.
        bool prefixed = std::strncmp(e.what(), "evpack ", 7) == 0;
        std::fprintf(stderr, "%s%s\n", prefixed ? "" : "evpack: error: ", util::terminal_safe(e.what()).c_str());
        return cli::exit_usage;
    } catch (const IoError& e) {
        std::fprintf(stderr, "evpack: error: %s\n", util::terminal_safe(e.what()).c_str());
        return cli::exit_usage;
    } catch (const Error& e) {
        std::fprintf(stderr, "evpack: error: %s\n", util::terminal_safe(e.what()).c_str());
        return cli::exit_problems;
    } catch (const std::bad_alloc&) {
        std::fprintf(stderr, "evpack: error: out of memory\n");
        return cli::exit_usage;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "evpack: internal error: %s\n", util::terminal_safe(e.what()).c_str());
        return cli::exit_usage;
    }
}
