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
  app.footer(
      "Exit status: 0 success; 1 bad input (file, line, field named); 2 usage error (the option named); 3 "
      "interrupted with partial results; 4 result undefined for these inputs; 130 stopped by a signal "
      "(docs/data.md, \"Exit status\").");
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
  concord::cli::register_report_commands(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::RuntimeError& e) {
    return e.get_exit_code();  // a command's own status (docs/data.md, "Exit status")
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // A usage error (unknown or missing option, bad value): one exit status, 2, and a message
    // that names the option.
    std::fprintf(stderr, "%s\n", concord::cli::usage_error_message(e).c_str());
    return concord::cli::kUsageErrorStatus;
  } catch (const concord::InputError& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
  return 0;
}
