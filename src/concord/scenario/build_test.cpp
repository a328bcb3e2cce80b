// Builder kernels (Poisson rate interval, gravity fit) and the curated catalogues.
#include "concord/scenario/build.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "concord/common/data_dir.hpp"
#include "concord/common/error.hpp"
#include "concord/scenario/catalog.hpp"

namespace concord {
namespace {

TEST(PoissonRateInterval, ClosedFormsForZeroAndOneEvent) {
  // k = 0: upper = -ln(alpha/2) / T; k = 1: lower = -ln(1 - alpha/2) / T (chi-square with 2 df
  // is exponential with mean 2).
  const RateInterval zero = poisson_rate_interval(0, 1.0);
  EXPECT_EQ(zero.rate, 0.0);
  EXPECT_EQ(zero.lower, 0.0);
  EXPECT_NEAR(zero.upper, -std::log(0.025), 1e-12);
  const RateInterval one = poisson_rate_interval(1, 22.0);
  EXPECT_NEAR(one.rate, 1.0 / 22.0, 1e-15);
  EXPECT_NEAR(one.lower, -std::log(0.975) / 22.0, 1e-12);
}

TEST(PoissonRateInterval, GarwoodTableValues) {
  // Exact 95% limits for a Poisson count (Garwood 1936; e.g. Ulm 1990, Am J Epidemiol 131(2)):
  // k = 1: 0.0253..5.5716; k = 5: 1.6235..11.6683; k = 10: 4.7954..18.3904.
  const RateInterval one = poisson_rate_interval(1, 1.0);
  EXPECT_NEAR(one.upper, 5.5716, 1e-4);
  const RateInterval five = poisson_rate_interval(5, 1.0);
  EXPECT_NEAR(five.lower, 1.6235, 1e-4);
  EXPECT_NEAR(five.upper, 11.6683, 1e-4);
  const RateInterval ten = poisson_rate_interval(10, 2.0);  // per year over 2 years
  EXPECT_NEAR(ten.lower, 4.7954 / 2.0, 1e-4);
  EXPECT_NEAR(ten.upper, 18.3904 / 2.0, 1e-4);
}

TEST(GravityModel, RecoversExactLogLinearCoefficients) {
  std::vector<double> flow, gi, ge, d;
  for (int i = 0; i < 40; ++i) {
    const double a = 100.0 + 37.0 * i;
    const double b = 5000.0 - 91.0 * i;
    const double km = 300.0 + 211.0 * ((i * 7) % 13);
    gi.push_back(a);
    ge.push_back(b);
    d.push_back(km);
    flow.push_back(std::exp(-3.0) * std::pow(a, 0.9) * std::pow(b, 1.1) * std::pow(km, -1.2));
  }
  flow.push_back(-1.0);  // a negative flow is not data: left out
  gi.push_back(1.0);
  ge.push_back(1.0);
  d.push_back(1.0);
  const GravityModel m = fit_gravity(flow, gi, ge, d);
  EXPECT_EQ(m.observations, 40U);
  EXPECT_NEAR(m.b0, -3.0, 1e-9);
  EXPECT_NEAR(m.b_gdp_importer, 0.9, 1e-9);
  EXPECT_NEAR(m.b_gdp_exporter, 1.1, 1e-9);
  EXPECT_NEAR(m.b_distance, -1.2, 1e-9);
  EXPECT_NEAR(m.smearing, 1.0, 1e-9);
  EXPECT_NEAR(m.r_squared, 1.0, 1e-12);
  EXPECT_NEAR(m.predict(gi[3], ge[3], d[3]), flow[3], 1e-9 * flow[3]);
}

TEST(GravityModel, ZeroFlowsStayInThePoissonFit) {
  // Zero flows are observations in PPML: the intercept's score equation makes the fitted flows
  // sum to the observed total over every row, zeros included (a log-OLS fit would drop them).
  std::vector<double> flow, gi, ge, d;
  for (int i = 0; i < 12; ++i) {
    gi.push_back(i % 2 == 0 ? 10.0 : 100.0);
    ge.push_back(50.0 + i);
    d.push_back(1000.0 + 10.0 * i);
    flow.push_back(i % 4 == 0 ? 0.0 : 5.0 + i);
  }
  const GravityModel m = fit_gravity(flow, gi, ge, d);
  EXPECT_EQ(m.observations, 12U);
  double sum_fitted = 0.0;
  double sum_flow = 0.0;
  for (std::size_t i = 0; i < flow.size(); ++i) {
    sum_fitted += m.predict(gi[i], ge[i], d[i]);
    sum_flow += flow[i];
  }
  // The intercept's score equation: fitted flows sum to the observed total, zeros included.
  EXPECT_NEAR(sum_fitted, sum_flow, 1e-8 * sum_flow);
}

TEST(GravityModel, TooFewFlowsIsAnError) {
  const std::vector<double> v{1.0, 2.0, 3.0};
  EXPECT_THROW((void)fit_gravity(v, v, v, v), InputError);
}

TEST(Catalogues, FlashpointsHaveTheRequiredSixWithSourcedPositions) {
  const auto fps = load_flashpoint_catalog(project_dir() / "data" / "flashpoints.toml");
  std::set<std::string> names;
  for (const Flashpoint& f : fps) {
    names.insert(f.name);
    EXPECT_FALSE(f.scale.empty()) << f.name;
    EXPECT_GE(f.parties.size(), 2U) << f.name;
    for (const FlashpointParty& p : f.parties) EXPECT_FALSE(p.source.empty()) << f.name << " " << p.ccode;
  }
  for (const char* required : {"South China Sea", "Taiwan Strait", "Korean Peninsula", "East China Sea",
                               "Sino-Indian border", "Kashmir"}) {
    EXPECT_EQ(names.count(required), 1U) << required;
  }
}

TEST(Catalogues, RegionsAndInstitutionsLoad) {
  const auto regions = load_regions(project_dir() / "data" / "regions.toml");
  ASSERT_EQ(regions.count("asia-pacific"), 1U);
  EXPECT_EQ(regions.at("asia-pacific").states.size(), 31U);  // 26 ARF states + Taiwan + 4 SCO
  const auto inst = load_institution_catalog(project_dir() / "data" / "institutions.toml");
  for (const char* name : {"ASEAN", "ARF", "EAS", "ADMM-Plus", "SCO", "APEC", "Quad", "AUKUS", "CICA"}) {
    ASSERT_EQ(inst.count(name), 1U) << name;
    EXPECT_FALSE(inst.at(name).source.empty()) << name;
  }
  EXPECT_TRUE(inst.at("ARF").mandate.has(Mandate::preventive_diplomacy));
  EXPECT_FALSE(inst.at("APEC").mandate.has(Mandate::arms_control));
  EXPECT_EQ(inst.at("CICA").cow_igo, "CICA");
  EXPECT_TRUE(inst.at("ARF").cow_igo.empty());
  for (const LaterMember& m : inst.at("CICA").later_members) {
    EXPECT_GT(m.joined, 2014) << m.ccode;  // after the last year of COW IGO 3.0
    EXPECT_FALSE(m.source.empty()) << m.ccode;
  }
}

TEST(Catalogues, LaterMembersNeedCowIgoAndASource) {
  const auto file = std::filesystem::temp_directory_path() / "concord_bad_institutions.toml";
  {
    std::ofstream f(file);
    f << "[X]\ncapacity = 0.2\nlater_members = [ { ccode = 780, joined = 2018 } ]\n";
  }
  try {
    (void)load_institution_catalog(file);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.problems().size(), 2U) << e.what();
    EXPECT_NE(std::string(e.what()).find("later_members needs cow_igo"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("missing required key 'source'"), std::string::npos) << e.what();
  }
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace concord
