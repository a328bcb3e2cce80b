// concord: compare regional security orders on real scenarios. A thin face over the library.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "cli/commands.hpp"
#include "concord/common/error.hpp"

int main(int argc, char** argv) {
  CLI::App app{"concord: simulate a region's security order year by year and compare orders"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("concord ") + CONCORD_VERSION);
  bool verbose = false;
  app.add_flag("-v,--verbose", verbose, "Log progress and diagnostics to stderr");
  app.parse_complete_callback([&] { spdlog::set_level(verbose ? spdlog::level::debug : spdlog::level::warn); });

  concord::cli::register_data_commands(app);
  CLI::App* measure = app.add_subcommand("measure", "Measures of the field: S-score, tau-b, concentration, voting power");
  measure->require_subcommand(1);
  concord::cli::register_measure_commands(*measure);
  concord::cli::register_voting_power_command(*measure);
  concord::cli::register_bargain_commands(app);
  concord::cli::register_scenario_commands(app);
  concord::cli::register_run_commands(app);
  concord::cli::register_ensemble_commands(app);
  concord::cli::register_validate_commands(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const concord::InputError& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
  return 0;
}
