// Parity and overtaking (Organski & Kugler 1980) on a hand-built capability series whose every
// event is worked out by hand in the comments.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "concord/measures/transition.hpp"

namespace concord::measures {
namespace {

const double NaN = std::nan("");

// Three states (ccodes 2, 710, 365) over 2000-2007, row-major by state.
//            2000  2001  2002  2003  2004  2005  2006  2007
// USA   2:    10    10    10    10    10    10    10    10
// CHN 710:     5     7   8.5    10    11    12   NaN    13
// RUS 365:     9     9     9     9     9     9     9    14
struct Fixture {
  std::vector<int> years{2000, 2001, 2002, 2003, 2004, 2005, 2006, 2007};
  std::vector<int> ids{2, 710, 365};
  std::vector<double> cap{10, 10, 10, 10, 10, 10, 10, 10,  //
                          5, 7, 8.5, 10, 11, 12, NaN, 13,  //
                          9, 9, 9, 9, 9, 9, 9, 14};
  [[nodiscard]] CapabilitySeries series() const { return {years, ids, cap}; }
};

TEST(Parity, RatioAndThreshold) {
  EXPECT_DOUBLE_EQ(capability_ratio(10, 8), 0.8);
  EXPECT_DOUBLE_EQ(capability_ratio(8, 10), 0.8);
  EXPECT_TRUE(at_parity(8, 10));
  EXPECT_FALSE(at_parity(7.9, 10));
  EXPECT_TRUE(at_parity(7.9, 10, 0.75));
  EXPECT_FALSE(at_parity(0, 0));
  EXPECT_FALSE(at_parity(NaN, 1));
}

TEST(Overtaking, EventsOfTheHandBuiltSeries) {
  const Fixture f;
  std::vector<OvertakingEvent> out(10);
  const std::size_t n = find_overtakings(f.series(), out);
  // CHN passes RUS in 2003 (8.5 < 9, then 10 > 9); CHN passes USA in 2004 (2003 is a tie, the
  // earlier order USA > CHN is remembered); the NaN of 2006 hides CHN-RUS 2005 -> 2007
  // (12 > 9, then 13 < 14): no event; RUS passes USA in 2007.
  ASSERT_EQ(n, 3U);
  EXPECT_EQ(out[0], (OvertakingEvent{2003, 710, 365}));
  EXPECT_EQ(out[1], (OvertakingEvent{2004, 710, 2}));
  EXPECT_EQ(out[2], (OvertakingEvent{2007, 365, 2}));
}

TEST(Overtaking, CountsBeyondTheBufferWithoutWritingPastIt) {
  const Fixture f;
  std::vector<OvertakingEvent> out(1);
  EXPECT_EQ(find_overtakings(f.series(), out), 3U);
  EXPECT_EQ(find_overtakings(f.series(), std::span<OvertakingEvent>{}), 3U);
}

TEST(Parity, SpellsOfTheHandBuiltSeries) {
  const Fixture f;
  std::vector<ParitySpell> out(10);
  const std::size_t n = find_parity_spells(f.series(), out);
  // USA-RUS 0.9 through 2006, 10/14 < .8 in 2007; USA-CHN from 8.5/10 (2002) to 10/12 (2005),
  // then NaN; CHN-RUS 8.5/9 .. 9/11 (2002-2004), 9/12 = .75 in 2005, and 13/14 in 2007.
  ASSERT_EQ(n, 4U);
  EXPECT_EQ(out[0], (ParitySpell{2, 365, 2000, 2006}));
  EXPECT_EQ(out[1], (ParitySpell{2, 710, 2002, 2005}));
  EXPECT_EQ(out[2], (ParitySpell{710, 365, 2002, 2004}));
  EXPECT_EQ(out[3], (ParitySpell{710, 365, 2007, 2007}));
}

TEST(Parity, AThresholdOfOneKeepsOnlyExactEquality) {
  const Fixture f;
  std::vector<ParitySpell> out(10);
  ASSERT_EQ(find_parity_spells(f.series(), out, 1.0), 1U);
  EXPECT_EQ(out[0], (ParitySpell{2, 710, 2003, 2003}));
}

TEST(Overtaking, RejectsMisshapenSeries) {
  const Fixture f;
  const std::vector<double> short_cap(f.cap.begin(), f.cap.end() - 1);
  EXPECT_THROW((void)find_overtakings({f.years, f.ids, short_cap}, {}), std::invalid_argument);
  const std::vector<int> unsorted{2000, 2002, 2001, 2003, 2004, 2005, 2006, 2007};
  EXPECT_THROW((void)find_overtakings({unsorted, f.ids, f.cap}, {}), std::invalid_argument);
  EXPECT_THROW((void)find_parity_spells(f.series(), {}, 0.0), std::invalid_argument);
}

TEST(Overtaking, OneEngineStep) {
  const std::vector<int> ids{2, 710, 365};
  const std::vector<double> before{10, 9.9, 5};
  const std::vector<double> after{9, 10, 5};
  std::vector<OvertakingEvent> out(3);
  ASSERT_EQ(overtakings_in_step(2031, before, after, ids, out), 1U);
  EXPECT_EQ(out[0], (OvertakingEvent{2031, 710, 2}));
  // A tie at either end is not an overtaking in a step.
  const std::vector<double> tie{10, 10, 5};
  EXPECT_EQ(overtakings_in_step(2031, before, tie, ids, out), 0U);
  EXPECT_EQ(overtakings_in_step(2032, tie, after, ids, out), 0U);
}

}  // namespace
}  // namespace concord::measures
