#include "cli/commands.hpp"

namespace concord::cli {

void register_measure_commands(CLI::App& /*parent*/) {}

}  // namespace concord::cli
