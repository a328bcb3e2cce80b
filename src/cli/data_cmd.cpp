#include "cli/commands.hpp"

namespace concord::cli {

void register_data_commands(CLI::App& /*parent*/) {}

}  // namespace concord::cli
