#pragma once

#include <string>
#include <vector>

namespace evpack::cli {

using Argv = std::vector<std::string>;

int run_forms(const Argv& argv);
int run_init(const Argv& argv);
int run_check(const Argv& argv);
int run_build(const Argv& argv);
int run_keygen(const Argv& argv);
int run_verify(const Argv& argv);
int run_extract(const Argv& argv);


// Exit codes, as --help lists them.
constexpr int exit_ok = 0;
constexpr int exit_problems = 1;
constexpr int exit_usage = 2;

// True when args ask for help; prints text to stdout.
bool wants_help(const Argv& argv, const char* text);

} // namespace evpack::cli
