#include "concord/ensemble/design.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include <gtest/gtest.h>

namespace concord::ensemble {
namespace {

TEST(Design, FullGridEnumeratesEveryCombinationLastFastest) {
  DesignParameter a{"a", 0.0, 1.0, 3, {}, false, {}};
  DesignParameter b{"b", 0.0, 0.0, 3, {10.0, 20.0}, false, {}};
  const auto g = full_grid({a, b});
  ASSERT_EQ(g.size(), 6U);
  EXPECT_EQ(g[0], (std::vector<double>{0.0, 10.0}));
  EXPECT_EQ(g[1], (std::vector<double>{0.0, 20.0}));
  EXPECT_EQ(g[2], (std::vector<double>{0.5, 10.0}));
  EXPECT_EQ(g[5], (std::vector<double>{1.0, 20.0}));
}

// Latin hypercube: in every dimension each of the n strata [k/n, (k+1)/n) holds one point.
TEST(Design, LatinHypercubeHasOnePointPerStratum) {
  const auto pts = latin_hypercube_unit(50, 4, 17);
  ASSERT_EQ(pts.size(), 50U);
  for (std::size_t j = 0; j < 4; ++j) {
    std::set<int> strata;
    for (const auto& p : pts) strata.insert(static_cast<int>(p[j] * 50));
    EXPECT_EQ(strata.size(), 50U) << "dimension " << j;
  }
  EXPECT_EQ(latin_hypercube_unit(50, 4, 17), pts);  // deterministic in the seed
  EXPECT_NE(latin_hypercube_unit(50, 4, 18), pts);
}

// The first coordinates of Sobol' are the van der Corput sequence in base 2 after the origin:
// 1/2, 3/4, 1/4, 3/8, 7/8, ...; the second (direction numbers 1, 3) starts 1/2, 1/4, 3/4.
TEST(Design, SobolStartsWithVanDerCorput) {
  const auto pts = sobol_unit(5, 2);
  const double d0[] = {0.5, 0.75, 0.25, 0.375, 0.875};
  const double d1[] = {0.5, 0.25, 0.75};
  for (std::size_t i = 0; i < 5; ++i) EXPECT_DOUBLE_EQ(pts[i][0], d0[i]);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_DOUBLE_EQ(pts[i][1], d1[i]);
}

TEST(Design, ParsesSweepSpec) {
  const auto spec = parse_sweep_spec(R"(
design = "latin_hypercube"
samples = 16
runs_per_point = 4
seed = 9
[[parameter]]
name = "restraint"
min = 0.0
max = 1.0
[[parameter]]
name = "members"
min = 2
max = 10
integer = true
[sensitivity]
method = "morris"
trajectories = 8
metric = "gp_war"
)",
                                     "SWEEP.toml");
  EXPECT_EQ(spec.design, DesignKind::latin_hypercube);
  ASSERT_EQ(spec.parameters.size(), 2U);
  EXPECT_EQ(spec.parameters[1].name, "members");
  EXPECT_TRUE(spec.parameters[1].integer);
  EXPECT_EQ(spec.sensitivity.method, "morris");
  EXPECT_EQ(spec.sensitivity.trajectories, 8U);
  const auto design = make_design(spec);
  ASSERT_EQ(design.size(), 16U);
  for (const auto& p : design) EXPECT_EQ(p[1], std::round(p[1]));
  EXPECT_EQ(point_json({0.25, 3.0}, spec.parameters), R"({"restraint":0.25,"members":3.0})");
}

TEST(Design, BadSweepSpecListsEveryProblemWithItsLocation) {
  try {
    (void)parse_sweep_spec(R"(design = "random"
samples = 0
[[parameter]]
name = "a"
min = 1.0
max = 0.5
[[parameter]]
name = "a"
min = 0
max = 1
colour = "red"
)",
                           "SWEEP.toml");
    FAIL() << "no error";
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_EQ(e.problems().size(), 5U) << msg;
    EXPECT_NE(msg.find("SWEEP.toml:1:10"), std::string::npos) << msg;  // design value
    EXPECT_NE(msg.find("not one of"), std::string::npos);
    EXPECT_NE(msg.find("SWEEP.toml:2:11"), std::string::npos) << msg;  // samples = 0
    EXPECT_NE(msg.find("must be below max"), std::string::npos);
    EXPECT_NE(msg.find("declared twice"), std::string::npos);
    EXPECT_NE(msg.find("SWEEP.toml:11:1"), std::string::npos) << msg;  // unknown key colour
  }
  EXPECT_THROW((void)parse_sweep_spec("design = \n", "S.toml"), InputError);
  EXPECT_THROW((void)parse_sweep_spec("seed = 1\n", "S.toml"), InputError);  // no parameter
}

}  // namespace
}  // namespace concord::ensemble
