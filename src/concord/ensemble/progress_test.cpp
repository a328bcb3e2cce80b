#include "concord/ensemble/progress.hpp"

#include <gtest/gtest.h>

namespace concord::ensemble {
namespace {

// 250 of 1000 runs in 5 s: 50 runs/s, 750 left at 50/s = 15 s; bar 10 wide, 2 filled.
TEST(ProgressBar, LineShowsRateAndTimeLeft) {
  EXPECT_EQ(ProgressBar::format_line("compare", 250, 1000, 5.0, 10, true),
            "compare [##........] 250/1000  25%  50 runs/s  0:15 left");
  EXPECT_EQ(ProgressBar::format_line("", 0, 10, 0.0, 10, false), "0/10   0%  0 runs/s  --:-- left");
  EXPECT_EQ(ProgressBar::format_line("s", 1, 7201, 1.0, 4, false),
            "s 1/7201   0%  1 runs/s  2:00:00 left");
}

TEST(ProgressBar, QuietPrintsNothingAndPipesGetPlainLines) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  {
    ProgressBar quiet("x", 3, f, ProgressOptions{true});
    quiet.update(3);
    quiet.finish();
  }
  EXPECT_EQ(std::ftell(f), 0L);
  ProgressBar plain("x", 3, f);
  plain.update(1);  // first plain line only after plain_every seconds
  plain.update(3);
  plain.finish();
  std::rewind(f);
  char buf[256] = {};
  ASSERT_NE(std::fgets(buf, sizeof buf, f), nullptr);
  EXPECT_EQ(std::string(buf).rfind("x 3/3 100%", 0), 0U) << buf;  // no bar, no \r on a file
  std::fclose(f);
}

}  // namespace
}  // namespace concord::ensemble
