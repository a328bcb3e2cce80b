#include "concord/common/digest.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "concord/common/build_info.hpp"
#include "concord/common/error.hpp"

namespace concord {
namespace {

// Reference values of the FNV test suite (Fowler/Noll/Vo, test_fnv.c, FNV-1a 64-bit).
TEST(Digest, Fnv1a64ReferenceValues) {
  EXPECT_EQ(fnv1a64_hex(""), "cbf29ce484222325");
  EXPECT_EQ(fnv1a64_hex("a"), "af63dc4c8601ec8c");
  EXPECT_EQ(fnv1a64_hex("foobar"), "85944171f73967e8");
}

TEST(Digest, FramedStringsDifferWhereRawBytesWouldNot) {
  Fnv1a64 x, y;
  x.str("ab");
  x.str("c");
  y.str("a");
  y.str("bc");
  EXPECT_NE(x.hex(), y.hex());
}

TEST(Digest, FileDigestIsTheDigestOfItsBytes) {
  const auto path = std::filesystem::temp_directory_path() / "concord_digest_test.txt";
  {
    std::ofstream out(path, std::ios::binary);
    out << "foobar";
  }
  EXPECT_EQ(file_digest(path), "85944171f73967e8");
  std::filesystem::remove(path);
  EXPECT_THROW((void)file_digest(path), InputError);
}

TEST(BuildInfo, VersionIsTheProjectVersionAndCommitIsAHashOrUnknown) {
  EXPECT_STREQ(concord_version(), CONCORD_VERSION);
  const std::string commit = concord_commit();
  if (commit != "unknown") {
    const std::string hash = commit.substr(0, commit.find('-'));
    EXPECT_EQ(hash.size(), 40U) << commit;
    EXPECT_EQ(hash.find_first_not_of("0123456789abcdef"), std::string::npos) << commit;
    EXPECT_TRUE(commit.size() == 40 || commit.substr(40) == "-dirty") << commit;
  }
}

}  // namespace
}  // namespace concord
