#include "concord/measures/distance.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace concord::measures {

double central_angle_rad(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg) noexcept {
  constexpr double deg = std::numbers::pi / 180.0;
  const double phi1 = lat1_deg * deg;
  const double phi2 = lat2_deg * deg;
  const double sin_dphi = std::sin((phi2 - phi1) / 2.0);
  const double sin_dlambda = std::sin((lon2_deg - lon1_deg) * deg / 2.0);
  const double h = sin_dphi * sin_dphi + std::cos(phi1) * std::cos(phi2) * sin_dlambda * sin_dlambda;
  if (std::isnan(h)) return h;
  return 2.0 * std::asin(std::min(1.0, std::sqrt(h)));
}

double great_circle_km(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg) noexcept {
  return kMeanEarthRadiusKm * central_angle_rad(lat1_deg, lon1_deg, lat2_deg, lon2_deg);
}

}  // namespace concord::measures
