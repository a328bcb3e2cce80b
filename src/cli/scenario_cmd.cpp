// concord scenario build|check: make a scenario from the datasets, or check a scenario file.
#include <fmt/format.h>

#include <cstdio>
#include <memory>

#include "cli/commands.hpp"
#include "concord/scenario/load.hpp"
#include "concord/scenario/summary.hpp"

namespace concord::cli {

namespace {

struct CheckArgs {
  std::string file;
};

}  // namespace

void register_scenario_commands(CLI::App& app) {
  CLI::App* group = app.add_subcommand("scenario", "Build scenarios from the datasets, or check one");
  group->require_subcommand(1);

  auto check = std::make_shared<CheckArgs>();
  CLI::App* check_cmd = group->add_subcommand(
      "check", "Validate a scenario file: print a summary and exit 0, or every error and exit 1");
  check_cmd->add_option("FILE", check->file, "Scenario TOML file")->required();
  check_cmd->callback([check] {
    const Scenario s = load_scenario(check->file);
    std::fputs(summarize(s).c_str(), stdout);
  });
}

}  // namespace concord::cli
