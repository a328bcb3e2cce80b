// The bootstrap of power_law_p_value reports progress and stops cleanly (validate powerlaw).
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <random>
#include <vector>

#include "concord/validate/powerlaw.hpp"

namespace concord::validate {
namespace {

std::vector<double> pareto(std::size_t n, double alpha, std::uint64_t seed) {
  std::mt19937_64 gen(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<double> x(n);
  for (double& v : x) v = power_law_quantile(u(gen), alpha, 1.0, PowerLawKind::continuous);
  return x;
}

TEST(PowerLawBootstrap, ProgressCountsEveryReplicateAndTheResultIsUnchanged) {
  const auto x = pareto(200, 2.5, 7);
  const PowerLawOptions opt;
  const auto fit = fit_power_law(x, opt);
  std::size_t calls = 0;
  std::size_t done = 0;
  BootstrapControl c;
  c.progress = [&](std::size_t k, std::size_t total) {
    ++calls;
    EXPECT_EQ(k, calls);
    EXPECT_EQ(total, 20U);
  };
  c.done = &done;
  const double p = power_law_p_value(x, fit, opt, 20, 3, c);
  EXPECT_EQ(calls, 20U);
  EXPECT_EQ(done, 20U);
  EXPECT_EQ(p, power_law_p_value(x, fit, opt, 20, 3));  // the control does not change the answer
}

TEST(PowerLawBootstrap, AStopFlagEndsItAfterTheReplicateInFlight) {
  const auto x = pareto(200, 2.5, 7);
  const PowerLawOptions opt;
  const auto fit = fit_power_law(x, opt);
  std::atomic<bool> stop{false};
  std::size_t done = 0;
  BootstrapControl c;
  c.stop = &stop;
  c.done = &done;
  c.progress = [&](std::size_t k, std::size_t) {
    if (k == 5) stop = true;
  };
  const double p = power_law_p_value(x, fit, opt, 1'000'000, 3, c);
  EXPECT_EQ(done, 5U);
  EXPECT_GE(p, 0.0);
  EXPECT_LE(p, 1.0);
  stop = true;
  EXPECT_TRUE(std::isnan(power_law_p_value(x, fit, opt, 10, 3, c)));
  EXPECT_EQ(done, 0U);
}

}  // namespace
}  // namespace concord::validate
