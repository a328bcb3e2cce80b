// `concord validate ...`: the model against the historical record (docs/validation.md).
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <ctime>
#include <iostream>
#include <map>
#include <optional>
#include <string>

#include "cli/commands.hpp"
#include "concord/common/data_dir.hpp"
#include "concord/common/error.hpp"
#include "concord/data/conflict.hpp"
#include "concord/data/paths.hpp"
#include "concord/validate/backtest.hpp"
#include "concord/validate/dyad_years.hpp"
#include "concord/validate/hazards.hpp"
#include "concord/validate/powerlaw.hpp"
#include "concord/validate/transitions.hpp"
#include "concord/validate/war_fit.hpp"

namespace concord::cli {

namespace {

// "1946-1999" -> (1946, 1999); a located InputError otherwise.
std::pair<int, int> parse_window(const std::string& text, const std::string& option) {
  int a = 0;
  int b = 0;
  char dash = 0;
  char extra = 0;
  if (std::sscanf(text.c_str(), "%d%c%d%c", &a, &dash, &b, &extra) != 3 || dash != '-' || b < a) {
    throw InputError(Location{"command line", 0, 0, option},
                     fmt::format("expected a year range FIRST-LAST such as 1946-1999, got '{}'", text));
  }
  return {a, b};
}

std::string today_iso() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

struct HazardsArgs {
  std::string train = "1946-1999";
  std::string test = "2000-2014";
  std::string region = "asia";
  std::optional<std::string> data_dir;
  std::optional<std::string> out;
  std::optional<std::string> write_hazards;
};

void run_hazards_command(const HazardsArgs& args) {
  validate::HazardsOptions o;
  std::tie(o.train_first, o.train_last) = parse_window(args.train, "--train");
  std::tie(o.test_first, o.test_last) = parse_window(args.test, "--test");
  try {
    o.region = validate::parse_region(args.region);
  } catch (const std::invalid_argument& e) {
    throw InputError(Location{"command line", 0, 0, "--region"}, e.what());
  }
  const auto dir = resolve_data_dir(args.data_dir);
  const auto sources = validate::read_dyad_year_sources(dir);
  validate::HazardsResult result;
  try {
    result = validate::run_hazards(*sources, o);
  } catch (const validate::LogitError& e) {
    std::cerr << "validate hazards: the MID-onset logit cannot be fitted: " << e.what() << "\n";
    throw CLI::RuntimeError(2);
  }
  std::cout << validate::format_hazards_report(result);
  if (args.out) {
    validate::write_validation_store(result, *args.out);
    std::cout << fmt::format("\nwrote table 'validation' to {}\n", *args.out);
  }
  if (args.write_hazards) {
    const std::string command =
        fmt::format("concord validate hazards --train {} --test {} --region {} --write-hazards {}",
                    args.train, args.test, validate::region_name(o.region), "data/hazards.toml");
    validate::write_hazards_toml(result, *args.write_hazards, command, today_iso());
    std::cout << fmt::format("wrote {}\n", *args.write_hazards);
  }
}

// Battle deaths per COW inter-state war: the sum over participants with a known count (a
// participant coded -9 is left out; a war with no known count is left out).
std::vector<double> war_battle_deaths(const data::InterStateWarParticipants& wars, int* wars_without) {
  std::map<int, double> deaths;
  std::map<int, bool> known;
  for (std::size_t i = 0; i < wars.size(); ++i) {
    known.try_emplace(wars.warnum[i], false);
    if (std::isnan(wars.batdeath[i])) continue;
    deaths[wars.warnum[i]] += wars.batdeath[i];
    known[wars.warnum[i]] = true;
  }
  std::vector<double> out;
  *wars_without = 0;
  for (const auto& [warnum, ok] : known) {
    if (ok && deaths[warnum] > 0.0) {
      out.push_back(deaths[warnum]);
    } else {
      ++*wars_without;
    }
  }
  return out;
}

// `concord validate wars`: war duration and battle deaths fitted from COW inter-state wars 4.0
// (validate/war_fit.hpp); --write writes the engine's data/wars.toml.
void register_wars_command(CLI::App& validate) {
  struct WarsArgs {
    std::string years = "1816-2007";
    std::optional<std::string> data_dir;
    std::optional<std::string> write;
  };
  auto args = std::make_shared<WarsArgs>();
  auto* wars = validate.add_subcommand(
      "wars", "Fit war duration (geometric) and battle deaths (lognormal) to COW inter-state wars 4.0");
  wars->add_option("--years", args->years, "Wars whose first year lies in FIRST-LAST")->capture_default_str();
  wars->add_option("--data-dir", args->data_dir, "Data directory (default $CONCORD_DATA_DIR)");
  wars->add_option("--write", args->write, "Write the engine's war file (the contract, data/wars.toml)");
  wars->callback([args] {
    validate::WarFitOptions o;
    std::tie(o.first_year, o.last_year) = parse_window(args->years, "--years");
    const auto sources = validate::read_war_fit_sources(resolve_data_dir(args->data_dir));
    const validate::WarFitResult result = validate::fit_wars(*sources, o);
    std::cout << validate::format_wars_report(result);
    if (args->write) {
      const std::string command = fmt::format("concord validate wars --years {} --write data/wars.toml", args->years);
      validate::write_wars_toml(result, *args->write, command, today_iso());
      std::cout << fmt::format("wrote {}\n", *args->write);
    }
  });
}

}  // namespace

void register_validate_commands(CLI::App& app) {
  auto* validate = app.add_subcommand("validate", "Validate the model against the historical record");
  validate->require_subcommand(1);

  auto hazards_args = std::make_shared<HazardsArgs>();
  auto* hazards = validate->add_subcommand(
      "hazards", "Fit dyad-year hazards of MID and war onset and score them out of sample");
  hazards->add_option("--train", hazards_args->train, "Training years FIRST-LAST")->capture_default_str();
  hazards->add_option("--test", hazards_args->test, "Test years FIRST-LAST")->capture_default_str();
  hazards->add_option("--region", hazards_args->region, "asia (the 37 Asia-Pacific COW codes) or world")
      ->capture_default_str();
  hazards->add_option("--data-dir", hazards_args->data_dir, "Data directory (default $CONCORD_DATA_DIR)");
  hazards->add_option("--out", hazards_args->out, "SQLite file to write the 'validation' table to");
  hazards->add_option("--write-hazards", hazards_args->write_hazards,
                      "Write the engine's hazards file (the contract, data/hazards.toml)");
  hazards->callback([hazards_args] { run_hazards_command(*hazards_args); });

  struct TransitionsArgs {
    std::string years = "1816-2014";
    int within = 10;
    double threshold = measures::kParityThreshold;
    std::optional<std::string> data_dir;
  };
  auto transitions_args = std::make_shared<TransitionsArgs>();
  auto* transitions = validate->add_subcommand(
      "transitions", "Great-power parity spells and overtakings (NMC) and whether war followed");
  transitions->add_option("--years", transitions_args->years, "Years FIRST-LAST")->capture_default_str();
  transitions->add_option("--within", transitions_args->within, "Years after an event in which a war counts")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  transitions
      ->add_option("--threshold", transitions_args->threshold, "Parity threshold (weaker/stronger CINC)")
      ->capture_default_str()
      ->check(CLI::Range(0.01, 1.0));
  transitions->add_option("--data-dir", transitions_args->data_dir,
                          "Data directory (default $CONCORD_DATA_DIR)");
  transitions->callback([transitions_args] {
    validate::TransitionsOptions o;
    std::tie(o.first_year, o.last_year) = parse_window(transitions_args->years, "--years");
    o.within_years = transitions_args->within;
    o.parity_threshold = transitions_args->threshold;
    const auto sources = validate::read_transitions_sources(resolve_data_dir(transitions_args->data_dir));
    std::cout << validate::format_transitions_report(validate::run_transitions(*sources, o), *sources);
  });

  struct PowerLawArgs {
    std::size_t bootstrap = 1000;
    std::uint64_t seed = 20090101;
    std::optional<std::string> data_dir;
  };
  auto powerlaw_args = std::make_shared<PowerLawArgs>();
  auto* powerlaw = validate->add_subcommand(
      "powerlaw", "Clauset-Shalizi-Newman power-law fit to COW inter-state war battle deaths");
  powerlaw
      ->add_option("--bootstrap", powerlaw_args->bootstrap,
                   "Replicates for the goodness-of-fit p-value (0: none)")
      ->capture_default_str();
  powerlaw->add_option("--seed", powerlaw_args->seed, "Seed of the bootstrap")->capture_default_str();
  powerlaw->add_option("--data-dir", powerlaw_args->data_dir, "Data directory (default $CONCORD_DATA_DIR)");
  powerlaw->callback([powerlaw_args] {
    const auto dir = resolve_data_dir(powerlaw_args->data_dir);
    const auto wars = data::read_inter_state_wars(dir / data::paths::kInterStateWar40);
    int without = 0;
    const std::vector<double> deaths = war_battle_deaths(wars, &without);
    const validate::PowerLawOptions opts;
    const validate::PowerLawFit fit = validate::fit_power_law(deaths, opts);
    std::cout << fmt::format(
        "COW inter-state wars 4.0: battle deaths per war (sum over participants), {} wars ({} without a "
        "count "
        "left out)\nClauset, Shalizi & Newman (2009) continuous fit, x_min by the KS criterion:\n"
        "  alpha  = {:.4f} +/- {:.4f}\n  x_min  = {:.0f} battle deaths\n  n_tail = {} of {}\n  KS D   = "
        "{:.4f}\n",
        deaths.size(), without, fit.alpha, fit.alpha_se, fit.x_min, fit.n_tail, fit.n_total, fit.ks_distance);
    if (powerlaw_args->bootstrap > 0) {
      const double p =
          validate::power_law_p_value(deaths, fit, opts, powerlaw_args->bootstrap, powerlaw_args->seed);
      std::cout << fmt::format(
          "  p      = {:.3f} ({} bootstrap replicates, seed {}; p <= 0.1 rules the power law out)\n", p,
          powerlaw_args->bootstrap, powerlaw_args->seed);
    }
  });
  struct BacktestArgs {
    int start = 1995;
    int years = 20;
    std::string region = "asia-pacific";
    std::string order;
    std::uint64_t runs = 200;
    std::uint64_t seed = 1;
    std::optional<std::string> data_dir;
  };
  auto backtest_args = std::make_shared<BacktestArgs>();
  auto* backtest = validate->add_subcommand(
      "backtest", "Run the scenario of a historical year and compare yearly MIDs, wars and dyads with the record");
  backtest->add_option("--start", backtest_args->start, "First compared year (the scenario is that of the year before)")
      ->capture_default_str();
  backtest->add_option("--years", backtest_args->years, "Compared years")->capture_default_str()->check(
      CLI::PositiveNumber);
  backtest->add_option("--region", backtest_args->region, "asia-pacific or europe")
      ->capture_default_str()
      ->check(CLI::IsMember({"asia-pacific", "europe"}));
  backtest->add_option("--order", backtest_args->order,
                       "Order preset or file (default: multiplex for asia-pacific, balance-of-power for europe)");
  backtest->add_option("--runs", backtest_args->runs, "Simulated runs")->capture_default_str()->check(
      CLI::PositiveNumber);
  backtest->add_option("--seed", backtest_args->seed, "Master seed")->capture_default_str();
  backtest->add_option("--data-dir", backtest_args->data_dir, "Data directory (default $CONCORD_DATA_DIR)");
  backtest->callback([backtest_args] {
    validate::BacktestOptions o;
    o.start = backtest_args->start;
    o.years = backtest_args->years;
    o.region = backtest_args->region;
    o.order = backtest_args->order;
    o.runs = backtest_args->runs;
    o.seed = backtest_args->seed;
    o.data_dir = resolve_data_dir(backtest_args->data_dir);
    std::cout << validate::format_backtest_report(validate::run_backtest(o));
  });
  register_wars_command(*validate);
}

}  // namespace concord::cli

