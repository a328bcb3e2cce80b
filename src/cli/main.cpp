// concord: compare regional security orders on real scenarios. A thin face over the library.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cerrno>
#include <cstring>
#include <exception>
#include <iostream>
#include <new>
#include <stdexcept>

#include <SQLiteCpp/Exception.h>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "concord/common/data_dir.hpp"
#include "concord/common/error.hpp"

int main(int argc, char** argv) {
  CLI::App app{"concord: simulate a region's security order year by year and compare orders"};
  app.require_subcommand(1);
  app.footer(
      "Exit status: 0 success; 1 bad input (file, line, field named); 2 usage error (the option named); 3 "
      "interrupted with partial results; 4 result undefined for these inputs; 70 internal error (please report it); "
      "130 stopped by a signal "
      "(docs/data.md, \"Exit status\").");
  app.set_version_flag("--version", std::string("concord ") + CONCORD_VERSION);
  bool verbose = false;
  app.add_flag("-v,--verbose", verbose, "Log progress and diagnostics to stderr");
  std::string resource_dir;
  app.add_option("--resource-dir", resource_dir,
                 "Directory with concord's orders/ and data/ (default: <prefix>/share/concord beside the installed "
                 "binary, else the source tree; or $CONCORD_RESOURCE_DIR)")
      ->each([](const std::string& d) { concord::set_resource_dir(d); });
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

  // Output written to a full disk or a closed file must not pass for a result: check stdout.
  const auto stdout_failed = [] {
    std::cout.flush();
    const bool bad = std::fflush(stdout) != 0 || std::ferror(stdout) != 0 || !std::cout;
    if (bad) {
      std::fprintf(stderr, "error: writing to standard output failed: %s\n",
                   errno != 0 ? std::strerror(errno) : "write error");
    }
    return bad;
  };
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
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr,
                 "error: out of memory. The sizes this command was given exceed what this machine can hold; "
                 "use fewer runs, design points, actors or threads (bounds: docs/limits.md)\n");
    return 1;
  } catch (const SQLite::Exception& e) {
    std::fprintf(stderr, "error: results store (SQLite): %s\n", e.what());
    return 1;
  } catch (const nlohmann::json::exception& e) {
    std::fprintf(stderr, "error: internal error (%s). This is a fault in concord, not in your input: please "
                 "report it with the command line\n", e.what());
    return 70;
  } catch (const std::logic_error& e) {
    // std::out_of_range (map::at), std::invalid_argument, std::length_error, ...: a broken
    // invariant, never an answer to a user
    std::fprintf(stderr, "error: internal error (%s). This is a fault in concord, not in your input: please "
                 "report it with the command line\n", e.what());
    return 70;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
  return stdout_failed() ? 1 : 0;
}
