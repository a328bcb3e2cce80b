#include "concord/common/suggest.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <optional>
#include <string>
#include <vector>

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

TEST(ClosestMatch, NearestWithinTheRadiusFirstOnTies) {
  const std::vector<std::string> names{"South China Sea", "East China Sea", "Kashmir"};
  EXPECT_EQ(closest_match("South Chna Sea", names), std::optional<std::string>("South China Sea"));
  EXPECT_EQ(closest_match("Antarctica", names), std::nullopt);  // 3+ edits from everything near
  EXPECT_EQ(closest_match("ab", std::vector<std::string>{"ax", "ay"}), std::optional<std::string>("ax"));
  // compared through the key, returned as written
  const auto lower = [](const std::string& c) {
    std::string out = c;
    for (auto& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
  };
  EXPECT_EQ(closest_match("kashmyr", names, lower), std::optional<std::string>("Kashmir"));
}

}  // namespace
}  // namespace concord
