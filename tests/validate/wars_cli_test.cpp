// End-to-end: `concord validate wars --write FILE` writes a file the engine's reader accepts, with
// the same estimates as the library's fit.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "concord/common/data_dir.hpp"
#include "concord/data/paths.hpp"
#include "concord/engine/wars.hpp"
#include "concord/validate/war_fit.hpp"

namespace {

TEST(ValidateWarsCli, WritesTheEngineFile) {
  const auto data = concord::resolve_data_dir();
  if (!std::filesystem::exists(data / concord::data::paths::kInterStateWar40)) {
    GTEST_SKIP() << "datasets not found (set CONCORD_DATA_DIR)";
  }
  const auto dir = std::filesystem::temp_directory_path() / "concord_validate_wars_cli_test";
  std::filesystem::create_directories(dir);
  const auto file = dir / "wars.toml";
  const auto out = dir / "out.txt";
  std::filesystem::remove(file);
  const std::string cmd = std::string(CONCORD_BINARY) + " validate wars --years 1816-2007 --write " + file.string() +
                          " > " + out.string();
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  const concord::engine::WarFits w = concord::engine::read_wars(file);
  const auto fit = concord::validate::fit_wars(*concord::validate::read_war_fit_sources(data));
  EXPECT_NEAR(w.all.q, fit.duration.q, 1e-8);
  EXPECT_EQ(w.all.n, fit.duration.n);
  EXPECT_NEAR(w.intercept, fit.severity.a, 1e-8);
  EXPECT_NEAR(w.elasticity, fit.severity.b, 1e-8);
  EXPECT_NEAR(w.sd, fit.severity.s, 1e-8);
  EXPECT_EQ(w.participants, fit.severity.n);
  EXPECT_EQ(w.window, "1816-2007");
  std::ifstream in(out);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find("n = 95 wars"), std::string::npos) << text.str();
  std::filesystem::remove_all(dir);
}

}  // namespace
