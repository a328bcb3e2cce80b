// concord scenario build|check: make a scenario from the datasets, or check a scenario file.
#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <optional>

#include "cli/commands.hpp"
#include "concord/common/data_dir.hpp"
#include "concord/scenario/build.hpp"
#include "concord/scenario/load.hpp"
#include "concord/scenario/summary.hpp"

namespace concord::cli {

namespace {

struct CheckArgs {
  std::string file;
};

struct BuildArgs {
  std::string region = "asia-pacific";
  int year = 0;
  std::vector<int> states;
  std::optional<std::string> data_dir;
  std::string output;
  int horizon = 30;
  bool carry_forward = true;
};

}  // namespace

void register_scenario_commands(CLI::App& app) {
  CLI::App* group = app.add_subcommand("scenario", "Build scenarios from the datasets, or check one");
  group->require_subcommand(1);

  auto build = std::make_shared<BuildArgs>();
  CLI::App* build_cmd = group->add_subcommand(
      "build", "Build a scenario for a region and year from the datasets (docs/scenario.md)");
  build_cmd
      ->add_option("--region", build->region,
                   "asia-pacific (data/regions.toml) or world (every COW system member)")
      ->capture_default_str();
  build_cmd->add_option("--year", build->year, "Start year of the scenario")->required();
  build_cmd->add_option("--states", build->states, "Explicit COW codes instead of a region")->delimiter(',');
  build_cmd->add_option("--data-dir", build->data_dir, "Datasets (default $CONCORD_DATA_DIR)");
  build_cmd->add_option("--horizon", build->horizon, "Default number of simulated years")
      ->capture_default_str();
  build_cmd->add_option("-o,--output", build->output, "Write the scenario here (default: stdout)");
  build_cmd->add_flag("--carry-forward,!--no-carry-forward", build->carry_forward,
                      "Past a dataset's last year (ATOP 2018, contiguity 2016, rivalries 2010, IGO 2014) carry its "
                      "last values forward, recorded in the provenance and listed by `scenario check` (default); "
                      "--no-carry-forward refuses such a year");
  build_cmd->callback([build] {
    BuildOptions options;
    options.region = build->region;
    options.year = build->year;
    options.states = build->states;
    options.data_dir = resolve_data_dir(build->data_dir);
    options.horizon = build->horizon;
    options.carry_forward = build->carry_forward;
    std::vector<std::string> notes;
    const Scenario s = build_scenario(options, &notes);
    for (const std::string& n : notes) std::fprintf(stderr, "note: %s\n", n.c_str());
    if (build->output.empty()) {
      std::fputs(write_scenario(s).c_str(), stdout);
    } else {
      save_scenario(s, build->output);
      std::fprintf(stderr, "wrote %s: %zu actors, %zu dyads, %zu institutions, %zu flashpoints\n",
                   build->output.c_str(), s.actors.size(), s.dyads.size(), s.institutions.size(),
                   s.flashpoints.size());
    }
  });

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
