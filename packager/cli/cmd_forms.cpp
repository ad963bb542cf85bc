#include "cli/args.hpp"
#include "cli/commands.hpp"

#include "forms/builtin.hpp"
#include "util/unicode.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace evpack::cli {

namespace {

const char* help = R"(usage: evpack forms [--json]

Lists the built-in forms: id, indicator count, total points, title.
A manifest names one of these ids with form = "ID", or a form file by path.

options:
  --json    print the list as JSON
  -h, --help

exit status: 0 ok, 2 usage error
)";

} // namespace

int run_forms(const Argv& argv)
{
    if (wants_help(argv, help)) {
        return exit_ok;
    }
    Args args("forms", argv);
    args.flag("--json").parse();
    args.positional(0, "", 0);
    const auto& forms = forms::builtin_forms();
    if (args.has("--json")) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const auto& f : forms) {
            nlohmann::ordered_json points = nullptr;
            if (auto p = f.total_points()) {
                points = *p;
            }
            list.push_back({{"id", f.id},
                            {"title", f.title},
                            {"groups", f.groups.size()},
                            {"indicators", f.indicators.size()},
                            {"points", points},
                            {"period", f.period_text()}});
        }
        std::fputs((list.dump(2) + "\n").c_str(), stdout);
        return exit_ok;
    }
    std::string out = util::pad_right("id", 18) + "indicators  points  title\n";
    for (const auto& f : forms) {
        std::string n = std::to_string(f.indicators.size());
        auto p = f.total_points();
        std::string points = p ? std::to_string(*p) : "-";
        out += util::pad_right(f.id, 18) + std::string(10 - n.size(), ' ') + n + "  "
            + std::string(6 - points.size(), ' ') + points + "  " + f.title + "\n";
    }
    std::fputs(out.c_str(), stdout);
    return exit_ok;
}

} // namespace evpack::cli
