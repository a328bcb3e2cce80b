#include "concord/common/build_info.hpp"

#include <gtest/gtest.h>

#include <string>

namespace concord {
namespace {

TEST(BuildInfo, VersionIsTheProjectVersionAndCommitIsAHashOrUnknown) {
  EXPECT_STREQ(concord_version(), CONCORD_VERSION);
  const std::string commit = concord_commit();
  if (commit != "unknown") {
    const std::string hash = commit.substr(0, commit.find('-'));
    EXPECT_EQ(hash.size(), 40U) << commit;
    EXPECT_EQ(hash.find_first_not_of("0123456789abcdef"), std::string::npos) << commit;
    EXPECT_TRUE(commit.size() == 40 || commit.substr(40) == "-dirty") << commit;
  }
  EXPECT_EQ(concord_version_line(), std::string("concord ") + CONCORD_VERSION + " (commit " + commit + ")");
}

}  // namespace
}  // namespace concord
