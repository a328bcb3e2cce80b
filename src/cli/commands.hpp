// The command groups of the `concord` program. Each group lives in its own file
// (src/cli/<group>_cmd.cpp) and adds its subcommands to the app; main.cpp calls them in order.
//
// Conventions for every command:
// - a callback reports bad input by throwing concord::InputError (main prints it and exits 1);
// - a callback that wants another exit status throws CLI::RuntimeError(status);
// - output formats are chosen with --format table|csv|json where a command prints a table.
#pragma once

#include <CLI/CLI.hpp>

namespace concord::cli {

void register_data_commands(CLI::App& app);          // data check, data cinc
void register_measure_commands(CLI::App& measure);   // measure sscore|taub|concentration
void register_voting_power_command(CLI::App& measure);  // measure voting-power
void register_bargain_commands(CLI::App& app);       // bargain, decide
void register_scenario_commands(CLI::App& app);      // scenario build|check
void register_run_commands(CLI::App& app);           // run, compare
void register_ensemble_commands(CLI::App& app);      // sweep, sensitivity
void register_validate_commands(CLI::App& app);      // validate hazards|backtest|transitions|...
void register_escalation_commands(CLI::App& validate);  // validate escalation|joining|calibration

}  // namespace concord::cli
