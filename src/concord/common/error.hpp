// Errors with a source location, shared by every reader and validator.
//
// Every problem with user input (a data file, a scenario, an order, a CSV given to a command)
// is reported as an InputError that names the file, the line, the column or field, and what
// was expected, so the user can fix it without reading our code.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace concord {

/// Where in an input a problem sits. line and column are 1-based; 0 means "not known".
/// `field` is a CSV column name or a TOML key path ("actors[3].gdp"), empty if not known.
struct Location {
  std::string file;
  long line = 0;
  long column = 0;
  std::string field;

  /// "file:line:column" (parts that are unknown are left out), then " field 'x'" if set.
  [[nodiscard]] std::string str() const;
};

/// One problem found in an input: where, and a message that says what was expected.
struct Problem {
  Location where;
  std::string message;

  /// "file:line:col: field 'x': message".
  [[nodiscard]] std::string str() const;
};

/// Thrown when an input cannot be used. Carries every problem found (validators collect them
/// all before throwing, so the user sees every error at once). what() lists them one a line.
class InputError : public std::runtime_error {
 public:
  explicit InputError(Problem problem);
  explicit InputError(std::vector<Problem> problems);
  InputError(Location where, const std::string& message);

  [[nodiscard]] const std::vector<Problem>& problems() const noexcept { return problems_; }

 private:
  std::vector<Problem> problems_;
};

}  // namespace concord
