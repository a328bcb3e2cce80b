// The escalation equation, war joining and the calibration against facts of the record (MID 5.0,
// COW wars, ATOP, Bleek), closed forms of the logit MLE and the committed contract files.
// Skips when the datasets are not found.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include "concord/common/data_dir.hpp"
#include "concord/common/error.hpp"
#include "concord/data/conflict.hpp"
#include "concord/data/paths.hpp"
#include "concord/engine/crisis.hpp"
#include "concord/engine/escalation.hpp"
#include "concord/validate/calibration.hpp"
#include "concord/validate/escalation.hpp"

namespace concord::validate {
namespace {

class EscalationRecord : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto dir = resolve_data_dir();
    if (!std::filesystem::exists(dir / data::paths::kMidB50) ||
        !std::filesystem::exists(dir / data::paths::kAtop401Members))
      return;
    sources_ = read_escalation_sources(dir);
    mids_ = std::make_unique<DyadicMids>(build_dyadic_mids(*sources_, Region::world, 1816, 2014));
  }
  void SetUp() override {
    if (!sources_) GTEST_SKIP() << "datasets not found under " << resolve_data_dir() << " (set CONCORD_DATA_DIR)";
  }
  // Rows of the pair {x, y} (either side) that began in `year`.
  static std::vector<std::size_t> rows(int x, int y, int year) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < mids_->size(); ++i) {
      const bool pair = (mids_->ccode_a[i] == x && mids_->ccode_b[i] == y) ||
                        (mids_->ccode_a[i] == y && mids_->ccode_b[i] == x);
      if (pair && mids_->year[i] == year) out.push_back(i);
    }
    return out;
  }
  static inline std::shared_ptr<const EscalationSources> sources_;
  static inline std::unique_ptr<DyadicMids> mids_;
};

// A dispute counts once per pair on opposite sides: the number of dyadic MIDs of a dispute is at
// most |side A| x |side B| of its distinct MIDB states, and every dispute with one state a side
// gives exactly one dyad unless the two were never in it at the same time.
TEST_F(EscalationRecord, OneRowPerOpposingPair) {
  const auto midb = data::read_mid_participants(resolve_data_dir() / data::paths::kMidB50);
  std::map<int, std::set<int>> side_a;
  std::map<int, std::set<int>> side_b;
  for (std::size_t i = 0; i < midb.size(); ++i) (midb.sidea[i] == 1 ? side_a : side_b)[midb.dispnum[i]].insert(midb.ccode[i]);
  std::map<int, long> dyads;
  for (std::size_t i = 0; i < mids_->size(); ++i) ++dyads[mids_->dispnum[i]];
  long bilateral = 0;
  long bilateral_rows = 0;
  for (const auto& [d, n] : dyads) {
    EXPECT_LE(n, static_cast<long>(side_a[d].size() * side_b[d].size())) << "dispute " << d;
  }
  for (const auto& [d, a] : side_a) {
    if (a.size() == 1 && side_b[d].size() == 1) {
      ++bilateral;
      bilateral_rows += dyads.count(d) != 0U ? dyads[d] : 0;
    }
  }
  EXPECT_GT(bilateral, 1500);
  EXPECT_GE(bilateral_rows, bilateral * 99 / 100);  // the few others never overlapped in time
  EXPECT_LE(bilateral_rows, bilateral);
}

// Facts of the record: the Korean War (USA-China from 1950, both at war, China a major power from
// 1950); the Kargil War 1999 (India-Pakistan, both nuclear-armed since 1987 by Bleek's dating),
// inside MID 4007 (1993-1999) where India is coded at hostility 4: war by the COW link only;
// the Falklands 1982 (UK-Argentina, territorial) (Sarkees & Wayman 2010; Bleek 2017).
TEST_F(EscalationRecord, KnownWarsAndCovariates) {
  bool korea = false;
  for (const auto i : rows(2, 710, 1950)) {
    if (mids_->war[i] != 0) {
      korea = true;
      EXPECT_EQ(mids_->war_link[i], 1);
      EXPECT_EQ(mids_->gp_a[i] + mids_->gp_b[i], 2);
      EXPECT_EQ(mids_->nuclear_a[i] + mids_->nuclear_b[i], 1);  // the USA alone
    }
  }
  EXPECT_TRUE(korea) << "USA-China 1950 should reach war";
  bool kargil = false;
  for (const auto i : rows(750, 770, 1993)) {
    if (mids_->dispnum[i] != 4007) continue;
    kargil = true;
    EXPECT_EQ(mids_->war_hostlev[i], 0);
    EXPECT_EQ(mids_->war_link[i], 1);
    EXPECT_EQ(mids_->war[i], 1);
    EXPECT_EQ(mids_->nuclear_a[i] + mids_->nuclear_b[i], 2);
  }
  EXPECT_TRUE(kargil) << "MID 4007 India-Pakistan should be a dyadic MID of 1993";
  bool falklands = false;
  for (const auto i : rows(200, 160, 1982)) {
    if (mids_->war[i] != 0) {
      falklands = true;
      EXPECT_EQ(mids_->revision[i], engine::RevisionType::territorial);
    }
  }
  EXPECT_TRUE(falklands) << "UK-Argentina 1982 should reach war";
}

// The contract: the engine's escalation function on a record row is Lambda(intercept + sum of the
// fit's coefficients times the row's covariates), each covariate computed here from its
// documented definition (escalation.hpp) - so the engine applies every term as it was fitted.
TEST_F(EscalationRecord, EngineFunctionIsTheFittedLogit) {
  EscalationOptions o;
  o.train_first = 1816;
  o.train_last = 2014;
  const EscalationResult r = run_escalation(*sources_, o);
  const engine::EscalationModel m = to_engine_model(r);
  const DyadicMids& d = *mids_;
  long checked = 0;
  for (std::size_t i = 0; i < d.size(); i += 7) {
    if (!d.complete(i)) continue;
    std::map<std::string, double> x;
    const int gps = d.gp_a[i] + d.gp_b[i];
    const int nukes = d.nuclear_a[i] + d.nuclear_b[i];
    const int y = d.year[i];
    x["intercept"] = 1.0;
    x["gp_both"] = gps == 2;
    x["gp_one"] = gps == 1;
    x["nuclear_both"] = nukes == 2;
    x["nuclear_one"] = nukes == 1;
    x["territorial"] = d.revision[i] == engine::RevisionType::territorial;
    x["regime"] = d.revision[i] == engine::RevisionType::regime;
    x["parity"] = d.parity[i];
    x["alliance"] = d.alliance[i];
    x["joint_democracy"] = std::min(d.polyarchy_a[i], d.polyarchy_b[i]);
    x["world_wars"] = y >= 1914 && y <= 1945;
    x["post1945"] = y >= 1946;
    x["east_asian_peace"] = y >= 1980;
    x["post_cold_war"] = y >= 1990;
    x["gp_both_world_wars"] = gps == 2 && y >= 1914 && y <= 1945;
    x["nuclear_both_gp"] = gps >= 1 && nukes == 2;
    double eta = 0.0;
    for (std::size_t j = 0; j < r.fit.names.size(); ++j) eta += r.fit.coef(static_cast<Eigen::Index>(j)) * x.at(r.fit.names[j]);
    EXPECT_NEAR(engine::escalation_probability(m, d.covariates(i), 0.0, 0.0), 1.0 / (1.0 + std::exp(-eta)), 1e-12);
    ++checked;
  }
  EXPECT_GT(checked, 300);
  EXPECT_EQ(r.fit.n + r.dropped, r.train_dyads);
  // world fits leave the regional term out; the others vary over 1816-2014 and are all fitted
  EXPECT_EQ(m.coef(engine::EscalationTerm::east_asian_peace), 0.0);
  EXPECT_EQ(r.fit.names.size(), engine::kEscalationTermCount);  // intercept + every term but one
}

// data/escalation-world.toml and data/escalation-asia-pacific.toml are what `concord validate
// escalation` gives today (refit compared), and each covariance diagonal is the square of its
// standard errors.
TEST_F(EscalationRecord, CommittedFilesAreTheRefit) {
  for (const char* name : {"escalation-world.toml", "escalation-asia-pacific.toml"}) {
    SCOPED_TRACE(name);
    const auto file = project_dir() / "data" / name;
    const engine::EscalationModel committed = engine::read_escalation(file);
    EscalationOptions o;
    o.region = parse_region(committed.region);
    const auto dash = committed.window.find('-');
    o.train_first = std::stoi(committed.window.substr(0, dash));
    o.train_last = std::stoi(committed.window.substr(dash + 1));
    const engine::EscalationModel refit = to_engine_model(run_escalation(*sources_, o));
    EXPECT_EQ(committed.n, refit.n);
    EXPECT_EQ(committed.events, refit.events);
    EXPECT_NEAR(committed.intercept, refit.intercept, 1e-6);
    for (std::size_t t = 0; t < engine::kEscalationTermCount; ++t) {
      EXPECT_NEAR(committed.beta[t], refit.beta[t], 1e-6) << engine::escalation_term_keys()[t];
      EXPECT_NEAR(committed.se[t], refit.se[t], 1e-6) << engine::escalation_term_keys()[t];
    }
    const std::size_t k = committed.covariance_terms.size();
    ASSERT_EQ(committed.covariance.size(), k * k);
    for (std::size_t j = 0; j < k; ++j) {
      const std::string& term = committed.covariance_terms[j];
      double se = committed.intercept_se;
      for (std::size_t t = 0; t < engine::kEscalationTermCount; ++t) {
        if (term == engine::escalation_term_keys()[t]) se = committed.se[t];
      }
      EXPECT_NEAR(std::sqrt(committed.covariance[j * k + j]), se, 1e-6 * std::max(1.0, se)) << term;
    }
  }
}

// Joining: the WWII case of Leeds (2003) - the United Kingdom and France, pledged to defend
// Poland (ATOP), entered the war two days after it began; and the joining file is the refit.
TEST_F(EscalationRecord, JoiningRecordAndCommittedFile) {
  const engine::JoiningRates committed = engine::read_joining(project_dir() / "data" / "joining.toml");
  JoiningOptions jo;
  const auto dash = committed.window.find('-');
  jo.first_year = std::stoi(committed.window.substr(0, dash));
  jo.last_year = std::stoi(committed.window.substr(dash + 1));
  const JoiningResult r = estimate_joining(*sources_, jo);
  bool uk = false;
  for (const auto& inv : r.invoked) {
    if (inv.year == 1939 && inv.ally == 200 && inv.partner == 290) {
      uk = true;
      EXPECT_TRUE(inv.joined);
      EXPECT_EQ(inv.kind, engine::Obligation::defense);
    }
  }
  EXPECT_TRUE(uk) << "UK's defense pledge to Poland in 1939 should be invoked";
  for (std::size_t e = 0; e < 2; ++e) {
    for (std::size_t k = 0; k < 2; ++k) {
      EXPECT_EQ(committed.by_obligation[e][k].invoked, r.rates.by_obligation[e][k].invoked);
      EXPECT_EQ(committed.by_obligation[e][k].joined, r.rates.by_obligation[e][k].joined);
    }
  }
  // Berkemeier & Fuhrmann (2018): allies honoured their pledges far more often before 1945.
  EXPECT_GT(r.rates.any[0].rate, r.rates.any[1].rate);
}

// The calibration at a reduced run count: every class and era inside the record's 90% interval
// (docs/validation.md, "Calibration"; the full run, 10,000 replications, is scripts/docs-escalation.sh).
TEST_F(EscalationRecord, CalibrationPasses) {
  CalibrationOptions o;
  o.runs = 1000;
  const CalibrationResult r = run_calibration(*sources_, o);
  ASSERT_EQ(r.rows.size(), 8U);
  for (const auto& row : r.rows) {
    EXPECT_TRUE(row.pass) << row.measure << " " << row.cls << " " << row.era << ": record " << row.record << " ["
                          << row.lower << ", " << row.upper << "], simulated " << row.simulated;
    EXPECT_GT(row.n, 0);
  }
}

// No probability printed as 0: a record class with no escalation (k = 0) shows its bound, the
// upper end of its Wilson interval.
TEST(CalibrationReport, ZeroRecordIsPrintedAsABound) {
  CalibrationResult r;
  CalibrationRow row;
  row.measure = "escalation";
  row.cls = "great power vs great power";
  row.era = "1954-2014";
  row.n = 149;
  row.k = 0;
  row.record = 0.0;
  row.lower = 0.0;
  row.upper = 0.0178;
  row.simulated = 0.011;
  row.pass = true;
  r.rows.push_back(row);
  const std::string table = format_calibration_report(r, "table");
  EXPECT_NE(table.find("< 0.0178 [0.0000, 0.0178]"), std::string::npos) << table;
  EXPECT_EQ(table.find(" 0.0000 [0.0000"), std::string::npos) << table;
}

}  // namespace
}  // namespace concord::validate
