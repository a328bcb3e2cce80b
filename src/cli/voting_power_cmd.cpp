#include "cli/commands.hpp"

namespace concord::cli {

void register_voting_power_command(CLI::App& /*parent*/) {}

}  // namespace concord::cli
