#include "fuzz/targets.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "cli/commands.hpp"
#include "concord/bargain/bdm.hpp"
#include "concord/bargain/decision.hpp"
#include "concord/bargain/input.hpp"
#include "concord/bargain/spatial.hpp"
#include "concord/bargain/voting_power.hpp"
#include "concord/common/data_dir.hpp"
#include "concord/common/error.hpp"
#include "concord/data/alliances.hpp"
#include "concord/data/conflict.hpp"
#include "concord/data/democracy.hpp"
#include "concord/data/economy.hpp"
#include "concord/data/geography.hpp"
#include "concord/data/institutions.hpp"
#include "concord/data/nmc.hpp"
#include "concord/data/state_system.hpp"
#include "concord/data/trade.hpp"
#include "concord/engine/build.hpp"
#include "concord/ensemble/design.hpp"
#include "concord/ensemble/sensitivity.hpp"
#include "concord/order/order.hpp"
#include "concord/order/order_loader.hpp"
#include "concord/scenario/load.hpp"

namespace concord::fuzz {

namespace {

// The bytes as a file the readers can open: one scratch directory per process.
std::filesystem::path scratch(std::string_view data, const char* name) {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / fmt::format("concord-fuzz-{}", ::getpid());
    std::filesystem::create_directories(d);
    return d;
  }();
  const auto p = dir / name;
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  out.close();
  if (!out) throw std::runtime_error("fuzz: cannot write the scratch file " + p.string());
  return p;
}

// A selector byte picks a variant; the rest is the input.
std::pair<unsigned, std::string_view> split_selector(std::string_view data) {
  if (data.empty()) return {0U, data};
  return {static_cast<unsigned char>(data[0]), data.substr(1)};
}

void scenario_target(std::string_view data) {
  const Scenario s = parse_scenario(data, "fuzz.toml");
  // what is accepted must write back to text that reads back (scenario build relies on it)
  const std::string text = write_scenario(s);
  try {
    (void)parse_scenario(text, "fuzz-rewritten.toml");
  } catch (const InputError& e) {
    throw std::logic_error("an accepted scenario does not read back after write_scenario:\n" + std::string(e.what()) +
                           "\n--- written:\n" + text);
  }
}

const Scenario& reference_scenario() {
  static const Scenario s = load_scenario(project_dir() / "scenarios" / "asia-pacific-2015.toml");
  return s;
}

void order_target(std::string_view data) {
  Order o = parse_order(data, "fuzz.toml");
  (void)describe(o);
  std::vector<Problem> absent;
  (void)engine::drop_missing_references(o, reference_scenario());
  (void)resolve_order(o, reference_scenario(), &absent);
}

void sweep_target(std::string_view data) {
  const ensemble::SweepSpec spec = ensemble::parse_sweep_spec(std::string(data), "fuzz.toml");
  (void)ensemble::make_design(spec);
}

void data_csv_target(std::string_view input) {
  using namespace concord::data;
  auto [sel, data] = split_selector(input);
  const auto p = scratch(data, "data.csv");
  switch (sel % 27) {
    case 0: (void)read_state_list(p); break;
    case 1: (void)read_major_powers(p); break;
    case 2: (void)read_system_years(p); break;
    case 3: (void)read_nmc(p, NmcVersion::v6); break;
    case 4: (void)read_nmc(p, NmcVersion::v7); break;
    case 5: (void)sipri_state_years(read_sipri_milex(p)); break;
    case 6: (void)maddison_state_years(read_maddison(p)); break;
    case 7: (void)read_democracy(p, DemocracySource::peacesciencer); break;
    case 8: (void)read_democracy(p, DemocracySource::isard); break;
    case 9: (void)read_atop_dyad_years(p); break;
    case 10: (void)read_contiguity(p); break;
    case 11: (void)read_capitals(p); break;
    case 12: (void)read_min_distance(p); break;
    case 13: (void)read_national_trade(p); break;
    case 14: (void)read_dyadic_trade(p); break;
    case 15: (void)read_igo_state_year_counts(p); break;
    case 16: (void)read_igo_memberships(p); break;
    case 17: (void)read_institution_memberships(p); break;
    case 18: (void)read_mid_disputes(p); break;
    case 19: (void)read_mid_participants(p); break;
    case 20: (void)read_mid_dyad_years(p); break;
    case 21: (void)read_mid_directed_dispute_years(p); break;
    case 22: (void)read_inter_state_wars(p); break;
    case 23: (void)read_war_dyad_years(p); break;
    case 24: (void)read_directed_dyadic_war(p); break;
    case 25: (void)read_rivalries(p); break;
    default: (void)read_nuclear_status(p); break;
  }
}

void bargain_target(std::string_view input) {
  using namespace concord::bargain;
  auto [sel, data] = split_selector(input);
  const auto p = scratch(data, "bargain.csv");
  const BargainFormat f = sel % 3 == 0 ? BargainFormat::automatic : sel % 3 == 1 ? BargainFormat::concord : BargainFormat::ktab;
  const BargainScenario sc = read_bargain_csv(p, f);
  const ActorsView view = sc.view();
  std::vector<double> out(sc.issues);
  compromise(view, out);
  std::vector<std::size_t> scratch_idx(sc.actor.size());
  weighted_median(view, out, scratch_idx);
  BdmOptions opt;
  opt.max_rounds = 3;
  (void)run_bdm(view, opt);
}

// voting power: "quota\n" then the member,weight CSV
void voting_power_target(std::string_view input) {
  using namespace concord::bargain;
  const auto nl = input.find('\n');
  const std::string quota_text(input.substr(0, nl == std::string_view::npos ? input.size() : nl));
  const std::string_view rest = nl == std::string_view::npos ? std::string_view{} : input.substr(nl + 1);
  const auto p = scratch(rest, "voting.csv");
  const VotingBody body = read_voting_body_csv(p);
  double quota = 0.0;
  try {
    quota = std::stod(quota_text);
  } catch (const std::exception&) {
    return;  // the CLI's --quota option refuses it (CLI11 check)
  }
  if (!(quota > 0.0)) return;
  VotingPowerOptions opt;
  opt.max_quota = 100'000;  // keeps one input fast; the CLI's bound is checked in its own test
  try {
    (void)voting_power(body.weight, quota, opt);
  } catch (const std::invalid_argument& e) {
    // the documented refusals of voting_power (too many members, non-integer weights, ...)
  }
}

void decide_target(std::string_view data) {
  using namespace concord::bargain;
  const auto p = scratch(data, "decide.csv");
  (void)read_decision_csv(p);
}

// `concord measure sscore|taub|concentration FILE` in process, as the user runs it
void measure_target(std::string_view input) {
  auto [sel, data] = split_selector(input);
  const auto p = scratch(data, "measure.csv");
  CLI::App app{"concord"};
  app.require_subcommand(1);
  CLI::App* measure = app.add_subcommand("measure", "");
  measure->require_subcommand(1);
  cli::register_measure_commands(*measure);
  std::vector<std::string> args;
  switch (sel % 4) {
    case 0: args = {"concord", "measure", "sscore", p.string()}; break;
    case 1: args = {"concord", "measure", "sscore", p.string(), "--weighted", "--distance", "squared"}; break;
    case 2: args = {"concord", "measure", "taub", p.string()}; break;
    default: args = {"concord", "measure", "concentration", p.string()}; break;
  }
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::FILE* saved = stdout;
  (void)saved;
  try {
    app.parse(static_cast<int>(argv.size()), const_cast<char**>(argv.data()));
  } catch (const CLI::Error&) {
    // usage errors and exit statuses chosen by the command
  }
}

}  // namespace

const std::vector<Target>& targets() {
  static const std::vector<Target> t{
      {"scenario", "scenario TOML (parse_scenario, then write and read back)", scenario_target},
      {"order", "order TOML (parse_order, resolve against asia-pacific-2015)", order_target},
      {"sweep", "SWEEP.toml (parse_sweep_spec, make_design)", sweep_target},
      {"data_csv", "every dataset reader (first byte selects the reader)", data_csv_target},
      {"bargain", "bargaining CSV (concord or KTAB layout; compromise, median, BdM)", bargain_target},
      {"voting_power", "voting-power CSV (first line the quota)", voting_power_target},
      {"decide", "decision CSV of `concord decide`", decide_target},
      {"measure", "`concord measure sscore|taub|concentration` CSV (first byte selects)", measure_target},
  };
  return t;
}

const Target* find_target(std::string_view name) {
  for (const auto& t : targets()) {
    if (name == t.name) return &t;
  }
  return nullptr;
}

void run_one(const Target& target, std::string_view data) {
  try {
    target.run(data);
  } catch (const InputError&) {
    // refused with a located message: what bad input should get
  }
}

}  // namespace concord::fuzz
