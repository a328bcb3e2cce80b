#include "concord/ensemble/codec.hpp"

#include <cmath>
#include <cstring>

#include <gtest/gtest.h>

namespace concord::ensemble {
namespace {

// Every field survives, bit for bit: NaN, negative zero, a seed above 2^63, ccode lists.
TEST(Codec, RunRecordRoundTripsBitForBit) {
  RunRecord r;
  r.key = {"hash", "g2", R"({"a":1})", 18446744073709551557ULL, 42, 7};
  r.start_year = 2015;
  r.years = 2;
  r.yearly_names = {"x"};
  r.yearly = {0.1, std::nan("")};
  r.summary_names = {"w", "z"};
  r.summary = {-0.0, 1.0 / 3.0};
  r.events = {{2016, "great_power_war", "Korea", {731, 710}, {732, 2}, "victory_b", 1e5, 2018, "joining", 731, 732}};
  std::vector<std::uint8_t> bytes;
  encode_run(r, bytes);
  const auto back = decode_run(bytes.data(), bytes.size());
  EXPECT_EQ(back.key.seed, r.key.seed);
  EXPECT_EQ(back.key.run_id, 42U);
  EXPECT_EQ(back.key.replicate, 7U);
  EXPECT_EQ(back.key.params_json, r.key.params_json);
  EXPECT_EQ(back.yearly[0], 0.1);
  EXPECT_TRUE(std::isnan(back.yearly[1]));
  EXPECT_TRUE(std::signbit(back.summary[0]));
  EXPECT_EQ(std::memcmp(&back.summary[1], &r.summary[1], sizeof(double)), 0);
  ASSERT_EQ(back.events.size(), 1U);
  EXPECT_EQ(back.events[0].side_b, (std::vector<int>{732, 2}));
  EXPECT_EQ(back.events[0].outcome, "victory_b");
  EXPECT_EQ(back.events[0].end_year, 2018);
  EXPECT_EQ(back.events[0].began, "joining");
  EXPECT_EQ(back.events[0].opening_a, 731);
  EXPECT_EQ(back.events[0].opening_b, 732);
}

}  // namespace
}  // namespace concord::ensemble
