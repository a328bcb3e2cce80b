#include "cli/commands.hpp"

namespace concord::cli {

void register_bargain_commands(CLI::App& /*parent*/) {}

}  // namespace concord::cli
