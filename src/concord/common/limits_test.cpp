#include "concord/common/limits.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "concord/common/atomic_file.hpp"
#include "concord/common/error.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace concord::limits {
namespace {

TEST(Limits, CheckedMulDetectsOverflow) {
  EXPECT_EQ(checked_mul(1ULL << 32, 1ULL << 31), 1ULL << 63);
  EXPECT_FALSE(checked_mul(1ULL << 32, 1ULL << 32).has_value());
  EXPECT_EQ(checked_mul(0, std::numeric_limits<std::uint64_t>::max()), 0U);
}

TEST(Limits, MemoryCheckNamesTheEstimateAndItsParts) {
  MemoryEstimate m;
  m.add("plan keys", 3'000'000'000ULL).add("runs in flight", 1'000'000ULL);
  EXPECT_EQ(m.total(), 3'001'000'000ULL);
  // 4 GB available: three quarters (3 GB) is less than 3.001 GB
  try {
    check_memory(m, Location{"--runs", 0, 0, ""}, "use fewer runs", 4'000'000'000ULL);
    FAIL() << "not refused";
  } catch (const InputError& e) {
    const std::string w = e.what();
    EXPECT_NE(w.find("--runs"), std::string::npos) << w;
    EXPECT_NE(w.find("3.0 GB (plan keys 3.0 GB, runs in flight 1 MB)"), std::string::npos) << w;
    EXPECT_NE(w.find("use fewer runs"), std::string::npos) << w;
  }
  EXPECT_NO_THROW(check_memory(m, Location{}, "", 5'000'000'000ULL));
}

TEST(Limits, AvailableMemoryIsKnownOnLinux) {
  const auto a = available_memory();
  ASSERT_TRUE(a.has_value());
  EXPECT_GT(*a, 1ULL << 20);
}

TEST(AtomicFile, WritesWholeAndLeavesNoTemporary) {
  namespace fs = std::filesystem;
  const auto dir = fs::temp_directory_path() / "concord_atomic_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const auto f = dir / "out.toml";
  { std::ofstream(f) << "old"; }
  write_file_atomic(f, "new content\n");
  std::ifstream in(f);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), "new content\n");
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  EXPECT_EQ(n, 1U);
  EXPECT_THROW(write_file_atomic(dir / "missing" / "x.toml", "x"), InputError);
  EXPECT_THROW(write_file_atomic(dir, "x"), InputError);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace concord::limits
