#include "concord/data/coverage.hpp"

#include <fmt/format.h>

namespace concord::data {

std::string ends_in(std::string_view dataset, int last_year) { return fmt::format("{} ends in {}", dataset, last_year); }

void require_within(std::string_view dataset, int last_year, int first, int last, const Location& where,
                    std::string_view what, std::string_view carry_option) {
  if (last <= last_year) return;
  const std::string window = first == last ? fmt::format("{}", last) : fmt::format("{}-{}", first, last);
  std::string message =
      fmt::format("{} {} passes the coverage of {}, which ends in {}: its values after {} are missing, not 0",
                  what, window, dataset, last_year, last_year);
  if (!carry_option.empty()) {
    message += fmt::format("; pass {} to carry the {} values forward (they are printed and recorded)", carry_option,
                           last_year);
  }
  throw InputError(where, message);
}

}  // namespace concord::data
