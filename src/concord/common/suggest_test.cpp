#include "concord/common/suggest.hpp"

#include <gtest/gtest.h>

namespace concord {
namespace {

// Closed forms: kitten -> sitting is the textbook Levenshtein distance 3 (two substitutions,
// one insertion); the distance to or from the empty string is the other word's length.
TEST(EditDistance, TextbookCases) {
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3U);
  EXPECT_EQ(edit_distance("", "abc"), 3U);
  EXPECT_EQ(edit_distance("abc", ""), 3U);
  EXPECT_EQ(edit_distance("restraint", "restraint"), 0U);
  EXPECT_EQ(edit_distance("alignmnet", "alignment"), 2U);
}

TEST(EditDistance, RadiusGrowsWithTheWord) {
  EXPECT_EQ(suggestion_radius("gdp"), 2U);
  EXPECT_EQ(suggestion_radius("interdependence_weight"), 7U);
}

}  // namespace
}  // namespace concord
