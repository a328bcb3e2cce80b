#include "cli/commands.hpp"

namespace concord::cli {

void register_scenario_commands(CLI::App& /*parent*/) {}

}  // namespace concord::cli
