#include "concord/measures/cinc.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace concord::measures {

void cinc_rows(const std::array<std::span<const double>, kCincComponentCount>& components,
               std::span<const std::size_t> rows, std::span<double> out) {
  for (std::size_t k = 0; k < kCincComponentCount; ++k) {
    if (components[k].size() != out.size()) {
      throw std::invalid_argument(fmt::format("cinc: component {} has {} values, expected {}",
                                              kCincComponentNames[k], components[k].size(), out.size()));
    }
  }
  std::array<double, kCincComponentCount> total{};
  for (std::size_t k = 0; k < kCincComponentCount; ++k) {
    for (std::size_t r : rows) {
      if (r >= out.size()) throw std::invalid_argument(fmt::format("cinc: row {} out of range", r));
      const double x = components[k][r];
      if (std::isnan(x)) continue;
      if (x < 0.0 || std::isinf(x)) {
        throw std::invalid_argument(fmt::format(
            "cinc: component {} of row {} is {}; expected a non-negative value or NaN for missing "
            "(a raw -9 code?)",
            kCincComponentNames[k], r, x));
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

void cinc(const std::array<std::span<const double>, kCincComponentCount>& components, std::span<double> out) {
  // Same computation with rows 0..n-1, without materialising the row list.
  for (std::size_t k = 0; k < kCincComponentCount; ++k) {
    if (components[k].size() != out.size()) {
      throw std::invalid_argument(fmt::format("cinc: component {} has {} values, expected {}",
                                              kCincComponentNames[k], components[k].size(), out.size()));
    }
  }
  std::array<double, kCincComponentCount> total{};
  for (std::size_t k = 0; k < kCincComponentCount; ++k) {
    for (std::size_t i = 0; i < out.size(); ++i) {
      const double x = components[k][i];
      if (std::isnan(x)) continue;
      if (x < 0.0 || std::isinf(x)) {
        throw std::invalid_argument(fmt::format(
            "cinc: component {} of state {} is {}; expected a non-negative value or NaN for missing "
            "(a raw -9 code?)",
            kCincComponentNames[k], i, x));
      }
      total[k] += x;
    }
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    double sum = 0.0;
    int present = 0;
    for (std::size_t k = 0; k < kCincComponentCount; ++k) {
      const double x = components[k][i];
      if (std::isnan(x) || total[k] <= 0.0) continue;
      sum += x / total[k];
      ++present;
    }
    out[i] = present > 0 ? sum / present : std::nan("");
  }
}

}  // namespace concord::measures
