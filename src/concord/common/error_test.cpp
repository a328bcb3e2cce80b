#include "concord/common/error.hpp"

#include <gtest/gtest.h>

namespace concord {
namespace {

TEST(InputError, NamesFileLineColumnAndField) {
  InputError e(Location{"nmc.csv", 12, 4, "milex"}, "expected a number, got 'abc'");
  EXPECT_STREQ(e.what(), "nmc.csv:12:4: field 'milex': expected a number, got 'abc'");
}

TEST(InputError, ListsEveryProblemOneALine) {
  InputError e(std::vector<Problem>{{Location{"a.toml", 1, 1, ""}, "x"}, {Location{"a.toml", 2, 0, ""}, "y"}});
  EXPECT_STREQ(e.what(), "a.toml:1:1: x\na.toml:2: y");
  EXPECT_EQ(e.problems().size(), 2U);
}

}  // namespace
}  // namespace concord
