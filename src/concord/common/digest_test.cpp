#include "concord/common/digest.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "concord/common/error.hpp"

namespace concord {
namespace {

// FIPS 180-4 examples (NIST CSRC "SHA256.pdf"): "abc" and the empty string.
TEST(ContentDigest, MatchesTheFipsExamples) {
  EXPECT_EQ(content_digest("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(content_digest(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(content_digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(ContentDigest, FileDigestEqualsContentDigest) {
  const auto p = std::filesystem::temp_directory_path() / "concord_digest_test.txt";
  { std::ofstream(p, std::ios::binary) << "abc"; }
  EXPECT_EQ(file_digest(p), content_digest("abc"));
  std::filesystem::remove(p);
  EXPECT_THROW((void)file_digest(p), InputError);
}

TEST(ContentDigest, FieldsAreLengthFramed) {
  Digest a;
  a.field("x", "ab").field("y", "c");
  Digest b;
  b.field("x", "a").field("y", "bc");
  EXPECT_NE(a.hex(), b.hex());
  Digest c;
  c.field("n", std::uint64_t{1});
  Digest d;
  d.field("n", std::uint64_t{2});
  EXPECT_NE(c.hex(), d.hex());
}

}  // namespace
}  // namespace concord
