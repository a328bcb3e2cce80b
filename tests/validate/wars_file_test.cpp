// data/wars.toml is the engine's contract for war duration and battle deaths: the engine's reader
// must accept it, and it must be what `concord validate wars` fits today from the shipped data
// (refit here and compared; skipped when the datasets are not found).
#include <gtest/gtest.h>
#include <toml++/toml.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "concord/common/data_dir.hpp"
#include "concord/common/error.hpp"
#include "concord/data/paths.hpp"
#include "concord/engine/wars.hpp"
#include "concord/validate/war_fit.hpp"

namespace concord::validate {
namespace {

std::filesystem::path wars_file() { return project_dir() / "data" / "wars.toml"; }

TEST(WarsFile, TheEngineReadsIt) {
  ASSERT_TRUE(std::filesystem::exists(wars_file())) << wars_file();
  const engine::WarFits w = engine::read_wars(wars_file());
  EXPECT_TRUE(w.fitted);
  EXPECT_GT(w.all.q, 0.0);
  EXPECT_LE(w.all.q, 1.0);
  EXPECT_GT(w.all.se, 0.0);
  EXPECT_GT(w.all.n, 0);
  EXPECT_GT(w.great_power.n, 0);
  EXPECT_EQ(w.great_power.n + w.other.n, w.all.n);
  EXPECT_GT(w.sd, 0.0);
  EXPECT_GT(w.participants, 0);
  const toml::table t = toml::parse_file(wars_file().string());
  for (const char* key : {"dataset", "version", "window", "fitted_on", "command"}) {
    EXPECT_TRUE(t["meta"][key].value<std::string>()) << "meta." << key;
  }
}

TEST(WarsFile, RefitReproducesTheCommittedFile) {
  const auto dir = resolve_data_dir();
  if (!std::filesystem::exists(dir / data::paths::kInterStateWar40)) {
    GTEST_SKIP() << "datasets not found under " << dir << " (set CONCORD_DATA_DIR)";
  }
  const toml::table t = toml::parse_file(wars_file().string());
  WarFitOptions o;
  const std::string window = t["meta"]["window"].value_or(std::string{});
  ASSERT_EQ(std::sscanf(window.c_str(), "%d-%d", &o.first_year, &o.last_year), 2) << window;
  const WarFitResult r = fit_wars(*read_war_fit_sources(dir), o);
  auto near = [](double fitted, std::optional<double> committed, const char* what) {
    ASSERT_TRUE(committed) << what;
    EXPECT_NEAR(fitted, *committed, 1e-8 * (1.0 + std::abs(*committed))) << what;
  };
  near(r.duration.q, t["duration"]["q"].value<double>(), "duration.q");
  near(r.duration.q_se, t["duration"]["se"].value<double>(), "duration.se");
  EXPECT_EQ(r.duration.n, t["duration"]["n"].value_or(0L));
  near(r.duration_gp.q, t["duration"]["great_power"]["q"].value<double>(), "duration.great_power.q");
  EXPECT_EQ(r.duration_gp.n, t["duration"]["great_power"]["n"].value_or(0L));
  near(r.duration_other.q, t["duration"]["other"]["q"].value<double>(), "duration.other.q");
  near(r.lr_p_value, t["duration"]["p"].value<double>(), "duration.p");
  near(r.severity.a, t["severity"]["intercept"].value<double>(), "severity.intercept");
  near(r.severity.a_se, t["severity"]["intercept_se"].value<double>(), "severity.intercept_se");
  near(r.severity.b, t["severity"]["elasticity"].value<double>(), "severity.elasticity");
  near(r.severity.b_se, t["severity"]["elasticity_se"].value<double>(), "severity.elasticity_se");
  near(r.severity.s, t["severity"]["sd"].value<double>(), "severity.sd");
  near(r.severity.s_se, t["severity"]["sd_se"].value<double>(), "severity.sd_se");
  EXPECT_EQ(r.severity.n, t["severity"]["n"].value_or(0L));
  // what the published record says (Sarkees & Wayman 2010): 95 inter-state wars, 1823-2003
  EXPECT_EQ(r.duration.n + r.wars_unknown_years, 95);
}

TEST(WarsFile, ABrokenFileGivesLocatedErrors) {
  const auto file = std::filesystem::temp_directory_path() / "concord_wars_broken.toml";
  {
    std::ofstream os(file);
    os << "[duration]\nq = 1.5\n\n[severity]\nintercept = \"x\"\n\n[extra]\n";
  }
  try {
    (void)engine::read_wars(file);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("duration.q"), std::string::npos) << what;
    EXPECT_NE(what.find("severity.intercept"), std::string::npos) << what;
    EXPECT_NE(what.find("severity.elasticity"), std::string::npos) << what;
    EXPECT_NE(what.find("severity.sd"), std::string::npos) << what;
    EXPECT_NE(what.find("[extra]"), std::string::npos) << what;
  }
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace concord::validate
