// The command groups of the `concord` program. Each group lives in its own file
// (src/cli/<group>_cmd.cpp) and adds its subcommands to the app; main.cpp calls them in order.
//
// Conventions for every command:
// - a callback reports bad input by throwing concord::InputError (main prints it and exits 1);
// - a usage error (unknown or missing option, a value CLI11 rejects) exits kUsageErrorStatus (2)
//   with usage_error_message; no callback uses 2 for anything else;
// - a callback that wants another exit status throws CLI::RuntimeError(status): 3 interrupted
//   (partial results), 4 result undefined for these inputs, 130 stopped by a signal;
// - output formats are chosen with --format table|csv|json where a command prints a table.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace concord::cli {

/// Exit status of every command-line usage error (docs/data.md, "Exit status").
inline constexpr int kUsageErrorStatus = 2;

/// "error: --runs: ... (run 'concord ... --help' for usage)": CLI11's message made readable: a
/// number beyond 12 digits in it (the limits of an integer type) is written in words.
std::string usage_error_message(const CLI::Error& e);

void register_data_commands(CLI::App& app);          // data check, data cinc
void register_measure_commands(CLI::App& measure);   // measure sscore|taub|concentration
void register_voting_power_command(CLI::App& measure);  // measure voting-power
void register_bargain_commands(CLI::App& app);       // bargain, decide
void register_scenario_commands(CLI::App& app);      // scenario build|check
void register_run_commands(CLI::App& app);           // run, compare
void register_ensemble_commands(CLI::App& app);      // sweep, sensitivity
void register_validate_commands(CLI::App& app);      // validate hazards|backtest|transitions|...
void register_escalation_commands(CLI::App& validate);  // validate escalation|joining|calibration
void register_report_commands(CLI::App& app);        // report, serve

}  // namespace concord::cli
