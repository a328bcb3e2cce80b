#include "concord/measures/distance.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace concord::measures {
namespace {

constexpr double R = kMeanEarthRadiusKm;
constexpr double pi = std::numbers::pi;

TEST(GreatCircle, QuarterMeridianIsHalfPiR) {
  EXPECT_NEAR(great_circle_km(0, 0, 90, 0), pi / 2 * R, 1e-9);
  EXPECT_NEAR(great_circle_km(-90, 17, 0, 17), pi / 2 * R, 1e-9);
}

TEST(GreatCircle, AntipodesArePiR) {
  EXPECT_NEAR(great_circle_km(0, 0, 0, 180), pi * R, 1e-9);
  // Off the axes, the haversine's asin near 1 loses about sqrt(machine epsilon) of a radian at
  // the antipode (documented in distance.hpp): a millimetre-to-metre error, hence the tolerance.
  EXPECT_NEAR(great_circle_km(35.0, 139.0, -35.0, -41.0), pi * R, 1e-3);
  EXPECT_NEAR(great_circle_km(90, 0, -90, 0), pi * R, 1e-9);
}

TEST(GreatCircle, OneDegreeOfEquatorAndLongitudeWrap) {
  EXPECT_NEAR(great_circle_km(0, 0, 0, 1), pi / 180 * R, 1e-9);
  EXPECT_NEAR(great_circle_km(0, 179.5, 0, -179.5), pi / 180 * R, 1e-9);  // across the date line
}

TEST(GreatCircle, ZeroAndSymmetry) {
  EXPECT_DOUBLE_EQ(great_circle_km(39.9, 116.4, 39.9, 116.4), 0.0);
  EXPECT_DOUBLE_EQ(great_circle_km(39.9, 116.4, 38.9, -77.0), great_circle_km(38.9, -77.0, 39.9, 116.4));
}

TEST(GreatCircle, LosAngelesToNewYorkAsInTheAviationFormulary) {
  // Williams, Aviation Formulary (worked example): LAX 33deg57'N 118deg24'W, JFK 40deg38'N
  // 73deg47'W are d = 0.623585 rad apart (2144 nautical miles of one arc minute each).
  const double lax_lat = 33 + 57.0 / 60;
  const double lax_lon = -(118 + 24.0 / 60);
  const double jfk_lat = 40 + 38.0 / 60;
  const double jfk_lon = -(73 + 47.0 / 60);
  EXPECT_NEAR(central_angle_rad(lax_lat, lax_lon, jfk_lat, jfk_lon), 0.623585, 1e-6);
  EXPECT_NEAR(central_angle_rad(lax_lat, lax_lon, jfk_lat, jfk_lon) * 180 / pi * 60, 2144, 0.5);
  EXPECT_NEAR(great_circle_km(lax_lat, lax_lon, jfk_lat, jfk_lon), 0.623585 * R, 1e-6 * R);
}

TEST(GreatCircle, NanPropagates) { EXPECT_TRUE(std::isnan(great_circle_km(std::nan(""), 0, 0, 0))); }

}  // namespace
}  // namespace concord::measures
