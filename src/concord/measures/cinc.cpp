#include "concord/measures/cinc.hpp"

#include <fmt/format.h>

#include <boost/range/irange.hpp>

#include <cmath>
#include <stdexcept>

namespace concord::measures {

namespace {

// The CINC computation over the rows a range yields (Singer, Bremer & Stuckey 1972; see
// cinc.hpp): per component, the total over the rows that have a value; per row, the mean of
// the shares it has. `unit` names a row in messages ("row" or "state").
template <class Rows>
void cinc_over(const std::array<std::span<const double>, kCincComponentCount>& components, const Rows& rows,
               std::span<double> out, const char* unit) {
  for (std::size_t k = 0; k < kCincComponentCount; ++k) {
    if (components[k].size() != out.size()) {
      throw std::invalid_argument(fmt::format("cinc: component {} has {} values, expected {}",
                                              kCincComponentNames[k], components[k].size(), out.size()));
    }
  }
  std::array<double, kCincComponentCount> total{};
  for (std::size_t k = 0; k < kCincComponentCount; ++k) {
    for (std::size_t r : rows) {
      if (r >= out.size()) throw std::invalid_argument(fmt::format("cinc: {} {} out of range", unit, r));
      const double x = components[k][r];
      if (std::isnan(x)) continue;
      if (x < 0.0 || std::isinf(x)) {
        throw std::invalid_argument(fmt::format(
            "cinc: component {} of {} {} is {}; expected a non-negative value or NaN for missing "
            "(a raw -9 code?)",
            kCincComponentNames[k], unit, r, x));
      }
      total[k] += x;
    }
  }
  for (std::size_t r : rows) {
    double sum = 0.0;
    int present = 0;
    for (std::size_t k = 0; k < kCincComponentCount; ++k) {
      const double x = components[k][r];
      if (std::isnan(x) || total[k] <= 0.0) continue;
      sum += x / total[k];
      ++present;
    }
    out[r] = present > 0 ? sum / present : std::nan("");
  }
}

}  // namespace

void cinc_rows(const std::array<std::span<const double>, kCincComponentCount>& components,
               std::span<const std::size_t> rows, std::span<double> out) {
  cinc_over(components, rows, out, "row");
}

void cinc(const std::array<std::span<const double>, kCincComponentCount>& components, std::span<double> out) {
  // Rows 0..n-1 without materialising the row list (the engine calls this every year). Boost's
  // irange, not std::views::iota: clang 14 (the fuzz preset) cannot compile g++ 12's <ranges>.
  cinc_over(components, boost::irange(std::size_t{0}, out.size()), out, "state");
}

}  // namespace concord::measures
