#include "cli/commands.hpp"

namespace concord::cli {

void register_validate_commands(CLI::App& /*parent*/) {}

}  // namespace concord::cli
