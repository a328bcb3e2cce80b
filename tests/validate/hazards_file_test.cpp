// data/hazards.toml is the engine's contract: it must hold every key the engine reads, and it
// must be what `concord validate hazards` produces today from the shipped data (refit here and
// compared). The refit skips when the datasets are not found.
#include <gtest/gtest.h>
#include <toml++/toml.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include "concord/common/data_dir.hpp"
#include "concord/data/paths.hpp"
#include "concord/engine/hazards.hpp"
#include "concord/validate/dyad_years.hpp"
#include "concord/validate/hazards.hpp"

namespace concord::validate {
namespace {

std::filesystem::path hazards_file(const char* name = "hazards.toml") { return project_dir() / "data" / name; }

// Every committed hazards file: data/hazards.toml (asia 1946-1999, the asia-pacific scenarios),
// data/hazards-world.toml (world 1946-1999), data/hazards-asia-1946-1994.toml (the 1995
// backtest) and data/hazards-europe.toml (Europe 1816-1889, the 1890 backtest). The world and
// Europe files have no trade term (trade known for 3% and 0% of their training dyad-years).
class CommittedHazards : public testing::TestWithParam<const char*> {};

TEST_P(CommittedHazards, HasEveryContractKey) {
  const auto file = hazards_file(GetParam());
  ASSERT_TRUE(std::filesystem::exists(file)) << file;
  const toml::table t = toml::parse_file(file.string());
  for (const char* key : {"window", "region", "n", "events", "fitted_on", "command"}) {
    EXPECT_TRUE(t["meta"][key]) << "meta." << key;
  }
  // Trade is known for most training rows only in region asia; elsewhere the contract has no
  // trade term (docs/validation.md, "Which hazards file").
  const bool no_trade = t["meta"]["region"].value_or(std::string{}) != "asia";
  EXPECT_TRUE(t["mid_onset"]["intercept"]["coef"].value<double>()) << "mid_onset.intercept";
  for (const char* key : kHazardCovariates) {
    if (no_trade && std::string_view(key) == "trade_dependence") {
      EXPECT_FALSE(t["mid_onset"][key]) << "trade is known for too few training dyad-years";
      continue;
    }
    EXPECT_TRUE(t["mid_onset"][key]["coef"].value<double>()) << "mid_onset." << key;
    const auto se = t["mid_onset"][key]["se"].value<double>();
    ASSERT_TRUE(se) << "mid_onset." << key << ".se";
    EXPECT_GT(*se, 0.0) << key;
  }
  // the peace-years cubic always; a dyad-record term unless the header says it is not identified
  // (constant in the window: no nuclear state and no listed IGO in Europe 1816-1889)
  for (const char* key : {"peace_years_s", "peace_years_s2", "peace_years_s3"}) {
    EXPECT_TRUE(t["mid_onset"][key]["se"].value<double>()) << "mid_onset." << key;
  }
  const std::string text = [&] {
    std::ifstream in(file);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }();
  const auto note = text.find("# Not identified in the window");
  for (const char* key : kDyadRecordCovariates) {
    if (t["mid_onset"][key]) {
      EXPECT_TRUE(t["mid_onset"][key]["se"].value<double>()) << "mid_onset." << key;
    } else {
      ASSERT_NE(note, std::string::npos) << key << " absent without a note";
      EXPECT_NE(text.find(key, note), std::string::npos) << key << " absent and not named in the note";
    }
  }
  EXPECT_GT(t["meta"]["peace_years_max"].value_or(0L), 0L);
  // [mid_onset_covariance]: the coefficients in file order, symmetric, variances = se^2
  const engine::Hazards h = engine::read_hazards(file);
  ASSERT_FALSE(h.terms.empty());
  EXPECT_EQ(h.terms.front(), "intercept");
  const std::size_t k = h.terms.size();
  ASSERT_EQ(h.covariance.size(), k * k);
  for (std::size_t r = 0; r < k; ++r) {
    const std::string& name = h.terms[r];
    const toml::node_view<const toml::node> entry =
        name == "trade_missing" ? t["mid_onset_nuisance"][name] : t["mid_onset"][name];
    const double se = entry["se"].value_or(std::nan(""));
    EXPECT_NEAR(std::sqrt(h.covariance[r * k + r]), se, 1e-6 * se) << name;
    for (std::size_t c = 0; c < k; ++c) EXPECT_EQ(h.covariance[r * k + c], h.covariance[c * k + r]);
  }
  std::size_t coefficients = 0;
  for (const char* table : {"mid_onset", "mid_onset_nuisance"}) {
    if (const auto* tt = t[table].as_table()) coefficients += tt->size();
  }
  EXPECT_EQ(k, coefficients);
  const auto rate = t["war_given_mid"]["rate"].value<double>();
  ASSERT_TRUE(rate);
  EXPECT_GT(*rate, 0.0);
  EXPECT_LT(*rate, 1.0);
  EXPECT_LE(*t["war_given_mid"]["lower"].value<double>(), *rate);
  EXPECT_GE(*t["war_given_mid"]["upper"].value<double>(), *rate);
}

INSTANTIATE_TEST_SUITE_P(HazardsFile, CommittedHazards,
                         testing::Values("hazards.toml", "hazards-world.toml", "hazards-europe.toml",
                                         "hazards-asia-1946-1994.toml"));

// The world file is not refitted here: its 520,000 training dyad-years take minutes in the
// sanitizer build (rerun the command in its [meta] to check it).
class RefittedHazards : public testing::TestWithParam<const char*> {};

TEST_P(RefittedHazards, RefitReproducesTheCommittedFile) {
  const auto dir = resolve_data_dir();
  if (!std::filesystem::exists(dir / data::paths::kMidDyadYears)) {
    GTEST_SKIP() << "datasets not found under " << dir << " (set CONCORD_DATA_DIR)";
  }
  const toml::table t = toml::parse_file(hazards_file(GetParam()).string());
  const std::string window = t["meta"]["window"].value_or(std::string{});
  HazardsOptions o;
  ASSERT_EQ(std::sscanf(window.c_str(), "%d-%d", &o.train_first, &o.train_last), 2) << window;
  o.region = parse_region(t["meta"]["region"].value_or(std::string{}));
  const auto sources = read_dyad_year_sources(dir);
  const HazardsResult r = run_hazards(*sources, o);
  ASSERT_TRUE(r.mid_engine);
  EXPECT_EQ(r.mid_engine->n, t["meta"]["n"].value_or(0L));
  EXPECT_EQ(r.mid_engine->events, t["meta"]["events"].value_or(0L));
  for (std::size_t j = 0; j < r.mid_engine->names.size(); ++j) {
    const std::string& name = r.mid_engine->names[j];
    if (name == "trade_missing") continue;
    const auto k = static_cast<Eigen::Index>(j);
    const double coef = t["mid_onset"][name]["coef"].value_or(std::nan(""));
    const double se = t["mid_onset"][name]["se"].value_or(std::nan(""));
    EXPECT_NEAR(r.mid_engine->coef(k), coef, 1e-6 * (1.0 + std::abs(coef))) << name;
    EXPECT_NEAR(r.mid_engine->se(k), se, 1e-6 * (1.0 + se)) << name;
  }
  const engine::Hazards h = engine::read_hazards(hazards_file(GetParam()));
  const Eigen::Index k = static_cast<Eigen::Index>(r.mid_engine->names.size());
  ASSERT_EQ(h.terms.size(), r.mid_engine->names.size());
  for (Eigen::Index a = 0; a < k; ++a) {
    const auto fa = r.mid_engine->index(h.terms[static_cast<std::size_t>(a)]);
    for (Eigen::Index b = 0; b < k; ++b) {
      const auto fb = r.mid_engine->index(h.terms[static_cast<std::size_t>(b)]);
      const double v = h.covariance[static_cast<std::size_t>(a * k + b)];
      EXPECT_NEAR(r.mid_engine->covariance(fa, fb), v, 1e-6 * (1e-6 + std::abs(v)))
          << h.terms[static_cast<std::size_t>(a)] << " x " << h.terms[static_cast<std::size_t>(b)];
    }
  }
  EXPECT_EQ(r.peace_years_max, h.peace_years_max);
  EXPECT_EQ(r.escalation.mids, t["war_given_mid"]["mids"].value_or(0L));
  EXPECT_EQ(r.escalation.wars, t["war_given_mid"]["wars"].value_or(0L));
}

INSTANTIATE_TEST_SUITE_P(HazardsFile, RefittedHazards, testing::Values("hazards.toml", "hazards-europe.toml"));

// The engine's rule (docs/validation.md, "Which hazards file"): data/hazards-<region>.toml when
// it exists, else data/hazards.toml; asia-pacific scenarios keep data/hazards.toml.
TEST(HazardsFile, EngineSelectsTheFileOfTheScenarioRegion) {
  EXPECT_EQ(engine::project_hazards_file("world"), hazards_file("hazards-world.toml"));
  EXPECT_EQ(engine::project_hazards_file("europe"), hazards_file("hazards-europe.toml"));
  EXPECT_EQ(engine::project_hazards_file("asia-pacific"), hazards_file("hazards.toml"));
  EXPECT_EQ(engine::project_hazards_file("custom"), hazards_file("hazards.toml"));
  EXPECT_EQ(engine::project_hazards_file(""), hazards_file("hazards.toml"));
  EXPECT_EQ(engine::project_hazards_file("../world"), hazards_file("hazards.toml"));
  const engine::Hazards world = engine::load_project_hazards("world");
  EXPECT_EQ(world.region, "world");
  EXPECT_EQ(engine::load_project_hazards("asia-pacific").region, "asia");
}

}  // namespace
}  // namespace concord::validate
