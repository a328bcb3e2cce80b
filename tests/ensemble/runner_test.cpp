// End-to-end tests of the ensemble runner on the constant-hazard reference model: thread-count
// invariance of the store's bytes, resume after an interruption, and statistics against the
// model's closed forms.
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <gtest/gtest.h>

#include "concord/common/error.hpp"
#include "concord/ensemble/driver.hpp"
#include "concord/ensemble/interrupt.hpp"
#include "concord/ensemble/reference_model.hpp"
#include "concord/ensemble/runner.hpp"
#include "concord/ensemble/stats.hpp"
#include "concord/store/store.hpp"

namespace concord::ensemble {
namespace {

namespace fs = std::filesystem;

fs::path temp_store(const std::string& name) {
  const auto dir = fs::temp_directory_path() / "concord_ensemble_test";
  fs::create_directories(dir);
  const auto p = dir / (name + ".sqlite");
  for (const auto* suffix : {"", "-wal", "-shm"}) fs::remove(p.string() + suffix);
  return p;
}

std::string file_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

Simulate reference_simulator() {
  return [](const RunKey& key, RunRecord& out) { simulate_hazard_model(key, {}, out); };
}

Plan test_plan(std::uint64_t replicates) {
  return crossed_plan("test-scenario", {"multiplex", "g2"},
                      {R"({"war_hazard":0.02})", R"({"war_hazard":0.05})"}, 20260101,
                      replicates);
}

// Statistics a caller would stream: proportion of runs with a war, per run order.
struct Streamed {
  Proportion war;
  Mean disputes;
  std::uint64_t last_run_id = 0;
  bool in_order = true;
  void add(const RunRecord& r) {
    if (war.trials() > 0 && r.key.run_id != last_run_id + 1) in_order = false;
    last_run_id = r.key.run_id;
    war.add(r.summary.at(0) > 0.5);
    disputes.add(r.summary.at(2));
  }
};

void run_to_store(const fs::path& path, const Plan& plan, int threads, Streamed* stats,
                  std::uint64_t stop_after = 0, bool resume = false) {
  store::ResultsStore db(path);
  const auto id = open_ensemble(db, describe(plan, "test", 35, "{}"), resume);
  RunnerOptions opt;
  opt.threads = threads;
  opt.stop_after = stop_after;
  run_plan(plan, reference_simulator(), &db, id,
           [&](const RunRecord& r) {
             if (stats != nullptr) stats->add(r);
           },
           opt);
}

TEST(Runner, OneAndTwoThreadsGiveIdenticalStoreBytes) {
  const auto plan = test_plan(60);
  const auto one = temp_store("threads1");
  const auto two = temp_store("threads2");
  Streamed s1, s2;
  run_to_store(one, plan, 1, &s1);
  run_to_store(two, plan, 2, &s2);
  ASSERT_TRUE(fs::exists(one));
  EXPECT_FALSE(fs::exists(one.string() + "-wal")) << "WAL not checkpointed on close";
  const auto b1 = file_bytes(one);
  const auto b2 = file_bytes(two);
  EXPECT_GT(b1.size(), 4096U);
  EXPECT_TRUE(b1 == b2) << "store files differ between 1 and 2 threads";
  EXPECT_EQ(store::dump_rows(one), store::dump_rows(two));
  EXPECT_TRUE(s1.in_order);
  EXPECT_TRUE(s2.in_order);
  EXPECT_EQ(s1.war.successes(), s2.war.successes());
  EXPECT_EQ(s1.disputes.mean(), s2.disputes.mean());  // bitwise: same order of summation
}

TEST(Runner, ResumeAfterInterruptionEqualsUninterrupted) {
  const auto plan = test_plan(40);
  const auto full = temp_store("uninterrupted");
  const auto resumed = temp_store("resumed");
  Streamed s_full, s_resumed;
  run_to_store(full, plan, 2, &s_full);
  {
    Streamed partial;
    run_to_store(resumed, plan, 2, &partial, /*stop_after=*/57);
    store::ResultsStore db(resumed);
    EXPECT_EQ(db.committed_run_ids(1).size(), 57U);
    EXPECT_EQ(partial.war.trials(), 57U);
  }
  run_to_store(resumed, plan, 1, &s_resumed, 0, /*resume=*/true);
  EXPECT_EQ(store::dump_rows(full), store::dump_rows(resumed));
  EXPECT_EQ(s_full.war.successes(), s_resumed.war.successes());
  EXPECT_EQ(s_full.war.trials(), s_resumed.war.trials());
  EXPECT_EQ(s_full.disputes.mean(), s_resumed.disputes.mean());
  EXPECT_EQ(s_full.disputes.variance(), s_resumed.disputes.variance());
  EXPECT_TRUE(s_resumed.in_order);
}

TEST(Runner, ResumeWithoutMatchingPlanIsAnError) {
  const auto path = temp_store("nomatch");
  Streamed s;
  run_to_store(path, test_plan(2), 1, &s);
  EXPECT_THROW(run_to_store(path, test_plan(3), 1, &s, 0, true), InputError);
}

TEST(Runner, StopFlagFinishesRunsInFlightOnly) {
  const auto plan = test_plan(50);
  std::atomic<bool> stop{false};
  std::uint64_t seen = 0;
  RunnerOptions opt;
  opt.threads = 2;
  opt.max_in_flight = 4;
  opt.stop = &stop;
  const auto report = run_plan(plan, reference_simulator(), nullptr, 0,
                               [&](const RunRecord&) {
                                 if (++seen == 10) stop = true;
                               },
                               opt);
  EXPECT_TRUE(report.interrupted);
  EXPECT_GE(report.simulated, 10U);
  EXPECT_LE(report.simulated, 10U + opt.max_in_flight);
}

// SIGINT during an ensemble: the guard's flag stops the runner after the runs in flight, every
// run delivered is committed, and the committed ids are a prefix of the plan.
TEST(Runner, SigintStopsAfterRunsInFlight) {
  const auto plan = test_plan(50);
  const auto path = temp_store("sigint");
  InterruptGuard guard;
  store::ResultsStore db(path);
  const auto id = open_ensemble(db, describe(plan, "test", 35, "{}"), false);
  RunnerOptions opt;
  opt.threads = 2;
  opt.stop = &guard.flag();
  std::uint64_t seen = 0;
  const auto report = run_plan(plan, reference_simulator(), &db, id,
                               [&](const RunRecord&) {
                                 if (++seen == 25) std::raise(SIGINT);
                               },
                               opt);
  EXPECT_TRUE(guard.interrupted());
  EXPECT_TRUE(report.interrupted);
  const auto ids = db.committed_run_ids(id);
  EXPECT_EQ(ids.size(), report.simulated);
  EXPECT_LT(ids.size(), plan.runs.size());
  for (std::size_t i = 0; i < ids.size(); ++i) EXPECT_EQ(ids[i], i);
}

// Closed forms of the reference model: P(war within 35 years) = 1 - (1 - h)^35 and
// S(t) = (1 - h)^t. With 4,000 runs the 95% intervals must cover them (fixed seed, so the
// test is deterministic; it fails if the runner, the streams or the estimators are wrong).
TEST(Runner, StatisticsCoverReferenceModelClosedForms) {
  const double h = 0.03;
  const int years = 35;
  const auto plan = crossed_plan("closed-form", {"multiplex"}, {R"({"war_hazard":0.03})"}, 7,
                                 4000);
  Proportion war;
  KaplanMeier km(years);
  Mean disputes_per_year;
  RunnerOptions opt;
  opt.threads = 2;
  run_plan(plan, reference_simulator(), nullptr, 0,
           [&](const RunRecord& r) {
             war.add(r.summary[0] > 0.5);
             if (std::isnan(r.summary[1])) {
               km.add_censored(years);
             } else {
               km.add_event(static_cast<int>(r.summary[1]));
             }
             disputes_per_year.add(r.summary[2] / 10.0);
           },
           opt);
  const double p_war = 1.0 - std::pow(1.0 - h, years);
  const auto e = war.wilson();
  EXPECT_LE(e.lo, p_war);
  EXPECT_GE(e.hi, p_war);
  const auto curve = km.curve();
  for (int t : {1, 10, 20, 35}) {
    const double s = std::pow(1.0 - h, t);
    EXPECT_LE(curve[t - 1].lo, s) << "t=" << t;
    EXPECT_GE(curve[t - 1].hi, s) << "t=" << t;
  }
  // Without censoring before the horizon, KM at the horizon is 1 - proportion.
  EXPECT_NEAR(curve.back().survival, 1.0 - war.proportion(), 1e-12);
  const auto d = disputes_per_year.student();
  EXPECT_LE(d.lo, 45 * 0.01);
  EXPECT_GE(d.hi, 45 * 0.01);
}

// Common random numbers: the same replicate under a higher war hazard can only have a war
// earlier or in the same year (the same uniforms are compared with a larger threshold).
TEST(Runner, CommonRandomNumbersArePaired) {
  const auto plan = crossed_plan("crn", {"x"}, {R"({"war_hazard":0.02})", R"({"war_hazard":0.05})"},
                                 11, 500);
  PairedDifference diff;
  double low = 0.0;
  RunnerOptions opt;
  opt.threads = 2;
  run_plan(plan, reference_simulator(), nullptr, 0,
           [&](const RunRecord& r) {
             if (r.key.run_id % 2 == 0) {
               low = r.summary[0];
             } else {
               EXPECT_GE(r.summary[0], low) << "replicate " << r.key.replicate;
               diff.add(r.summary[0], low);
             }
           },
           opt);
  const auto e = diff.student();
  const double expected = std::pow(0.98, 35) - std::pow(0.95, 35);
  EXPECT_LE(e.lo, expected);
  EXPECT_GE(e.hi, expected);
  EXPECT_LT(e.hi - e.lo, 0.12);  // narrower than the unpaired interval (about 0.12 here)
}

// The status the driver records: a process killed with SIGKILL (here by its own simulator at
// run 30) leaves the ensemble `running` with the runs committed before; --resume completes it
// and the store then equals an uninterrupted one, status `complete` included. A clean stop
// (--max-runs) marks it `interrupted`.
TEST(Driver, KilledEnsembleStaysRunningAndResumeCompletesIt) {
  const auto plan = test_plan(20);  // 80 runs
  const auto info = describe(plan, "test", 35, "{}");
  const auto full = temp_store("driver_full");
  const auto killed = temp_store("driver_killed");
  const auto stopped = temp_store("driver_stopped");
  ExecuteOptions opt;
  opt.quiet = true;
  opt.threads = 1;
  opt.store = full;
  (void)execute(plan, info, reference_simulator(), {}, opt, {});
  const pid_t child = fork();
  ASSERT_NE(child, -1);
  if (child == 0) {
    ExecuteOptions k = opt;
    k.store = killed;
    const Simulate dies = [](const RunKey& key, RunRecord& out) {
      if (key.run_id == 30) raise(SIGKILL);
      simulate_hazard_model(key, {}, out);
    };
    (void)execute(plan, info, dies, {}, k, {});
    _exit(0);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status));
  std::uint64_t committed = 0;
  {
    store::ResultsStore db(killed);
    EXPECT_EQ(db.ensemble(1).status, store::EnsembleStatus::running);
    committed = db.committed_count(1);
    EXPECT_GT(committed, 0U);
    EXPECT_LE(committed, 30U);  // runs 0..29 at most: run 30 never finished
  }
  ExecuteOptions r = opt;
  r.store = killed;
  r.resume = true;
  const auto resumed = execute(plan, info, reference_simulator(), {}, r, {});
  EXPECT_FALSE(resumed.report.interrupted);
  EXPECT_EQ(resumed.report.replayed, committed);
  EXPECT_EQ(store::dump_rows(full), store::dump_rows(killed));
  {
    store::ResultsStore db(killed);
    EXPECT_EQ(db.ensemble(1).status, store::EnsembleStatus::complete);
  }
  ExecuteOptions s = opt;
  s.store = stopped;
  s.max_runs = 10;
  EXPECT_TRUE(execute(plan, info, reference_simulator(), {}, s, {}).report.interrupted);
  store::ResultsStore db(stopped);
  EXPECT_EQ(db.ensemble(1).status, store::EnsembleStatus::interrupted);
}

}  // namespace
}  // namespace concord::ensemble
