// run_bdm reports every round and stops when asked (progress and Ctrl-C of `concord bargain`).
#include <gtest/gtest.h>

#include <vector>

#include "concord/bargain/bdm.hpp"

namespace concord::bargain {
namespace {

TEST(BdmControl, OnRoundSeesEveryRoundAndCanStop) {
  // five actors spread over the scale: positions keep moving for several rounds
  const std::vector<double> c{1.0, 2.0, 1.5, 0.5, 1.0};
  const std::vector<double> x{0.0, 0.2, 0.5, 0.9, 1.0};
  const std::vector<double> s{1.0, 0.6, 0.8, 0.3, 0.9};
  const ActorsView v{c, x, s};
  BdmOptions opt;
  opt.max_rounds = 6;
  opt.settle_tolerance = -1.0;  // never settles: all six rounds run
  std::vector<int> seen;
  opt.on_round = [&](std::size_t issue, int round) {
    EXPECT_EQ(issue, 0U);
    seen.push_back(round);
    return true;
  };
  const auto all = run_bdm(v, opt);
  EXPECT_EQ(seen, (std::vector<int>{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(all[0].rounds, 6);
  opt.on_round = [](std::size_t, int round) { return round < 2; };
  const auto stopped = run_bdm(v, opt);
  EXPECT_EQ(stopped[0].rounds, 2);
  // the rounds run are those of the full run
  for (int t = 0; t <= 2; ++t) {
    for (std::size_t i = 0; i < c.size(); ++i) {
      EXPECT_EQ(stopped[0].positions_after(t)[i], all[0].positions_after(t)[i]);
    }
  }
}

}  // namespace
}  // namespace concord::bargain
