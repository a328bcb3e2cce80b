// Great-circle distance between two points on the Earth, for capital-to-capital distance of a
// dyad (MODEL.md section 1) and the loss-of-strength gradient of crisis bargaining.
//
// Model: a sphere of radius R = 6371.0088 km, the mean Earth radius R1 = (2a + b) / 3 of the
// GRS 80 / WGS 84 ellipsoid recommended by the IUGG (Moritz, H. (2000), Geodetic Reference
// System 1980, Journal of Geodesy 74, 128-133). Distances on the ellipsoid differ by up to about
// 0.5 %, which is far below the resolution that matters for capital-to-capital distance.
//
// Formula: the haversine form of the central angle (Sinnott, R. W. (1984), Virtues of the
// haversine, Sky and Telescope 68(2), 159), which stays accurate for small distances:
//
//   h = sin^2((lat2 - lat1) / 2) + cos(lat1) cos(lat2) sin^2((lon2 - lon1) / 2)
//   theta = 2 asin(min(1, sqrt(h))),   distance = R * theta.
//
// Accuracy: rounding error only (well under a millimetre), except near the antipode, where
// asin near 1 costs about 1e-8 rad (a fraction of a metre). Pure, no allocation.
#pragma once

namespace concord::measures {

/// Mean Earth radius R1 of the IUGG (GRS 80), in kilometres.
inline constexpr double kMeanEarthRadiusKm = 6371.0088;

/// Central angle in radians between two points given in decimal degrees (latitude north
/// positive in [-90, 90], longitude east positive, any value; it is used modulo 360).
[[nodiscard]] double central_angle_rad(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg) noexcept;

/// Great-circle distance in kilometres between two points given in decimal degrees, on the
/// sphere of radius kMeanEarthRadiusKm. Result in [0, pi * R] (0 to about 20,015 km).
/// NaN in, NaN out. Example: a quarter meridian, (0, 0) to (90, 0), is pi/2 * R = 10,007.5 km.
[[nodiscard]] double great_circle_km(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg) noexcept;

}  // namespace concord::measures
