#include "concord/common/error.hpp"

#include <fmt/format.h>

namespace concord {

std::string Location::str() const {
  std::string out = file.empty() ? std::string("<input>") : file;
  if (line > 0) out += fmt::format(":{}", line);
  if (line > 0 && column > 0) out += fmt::format(":{}", column);
  if (!field.empty()) out += fmt::format(": field '{}'", field);
  return out;
}

std::string Problem::str() const { return fmt::format("{}: {}", where.str(), message); }

namespace {
std::string join(const std::vector<Problem>& problems) {
  std::string out;
  for (std::size_t i = 0; i < problems.size(); ++i) {
    if (i > 0) out += '\n';
    out += problems[i].str();
  }
  return out;
}
}  // namespace

InputError::InputError(Problem problem) : InputError(std::vector<Problem>{std::move(problem)}) {}

InputError::InputError(std::vector<Problem> problems)
    : std::runtime_error(join(problems)), problems_(std::move(problems)) {}

InputError::InputError(Location where, const std::string& message)
    : InputError(Problem{std::move(where), message}) {}

}  // namespace concord
