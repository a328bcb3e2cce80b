#include "cli/commands.hpp"

namespace concord::cli {

void register_ensemble_commands(CLI::App& /*parent*/) {}

}  // namespace concord::cli
