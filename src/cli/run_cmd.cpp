#include "cli/commands.hpp"

namespace concord::cli {

void register_run_commands(CLI::App& /*parent*/) {}

}  // namespace concord::cli
