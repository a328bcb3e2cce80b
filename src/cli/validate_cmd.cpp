// `concord validate ...`: the model against the historical record (docs/validation.md).
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <ctime>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "concord/common/limits.hpp"
#include "concord/ensemble/interrupt.hpp"
#include "concord/ensemble/progress.hpp"
#include "concord/common/data_dir.hpp"
#include "concord/common/error.hpp"
#include "concord/data/conflict.hpp"
#include "concord/data/coverage.hpp"
#include "concord/data/paths.hpp"
#include "concord/validate/backtest.hpp"
#include "concord/validate/dyad_years.hpp"
#include "concord/validate/hazards.hpp"
#include "concord/validate/powerlaw.hpp"
#include "concord/validate/validation_store.hpp"  // NOLINT(llvm-include-order): kept apart from the wars include
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
  // MID onset is the outcome: a window past MID 5.0 would score years without data as peace.
  data::require_within(data::kMid50.dataset, data::kMid50.last_year, o.train_first, o.train_last,
                       Location{"command line", 0, 0, "--train"}, "--train");
  data::require_within(data::kMid50.dataset, data::kMid50.last_year, o.test_first, o.test_last,
                       Location{"command line", 0, 0, "--test"}, "--test");
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
    throw CLI::RuntimeError(4);  // result undefined for these inputs (2 is reserved for usage errors)
  }
  std::cout << validate::format_hazards_report(result);
  if (args.out) {
    validate::write_validation_store(result, *args.out);
    std::cout << fmt::format("\nwrote table 'validation' to {}\n", *args.out);
  }
  if (args.write_hazards) {
    const std::string command =
        fmt::format("concord validate hazards --train {} --test {} --region {} --write-hazards {}",
                    args.train, args.test, validate::region_name(o.region), *args.write_hazards);
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
  hazards->add_option("--region", hazards_args->region,
                      "asia (the 37 Asia-Pacific COW codes), europe (the 20 codes of the 1890 backtest) or world")
      ->capture_default_str();
  hazards->add_option("--data-dir", hazards_args->data_dir, "Data directory (default $CONCORD_DATA_DIR)");
  hazards->add_option("--out", hazards_args->out,
                      "Results store (SQLite) to write tables 'validation' and 'validation_coefficients' to");
  hazards->add_option("--write-hazards", hazards_args->write_hazards,
                      "Write the engine's hazards file (data/hazards.toml, data/hazards-<region>.toml)");
  hazards->callback([hazards_args] { run_hazards_command(*hazards_args); });

  struct TransitionsArgs {
    std::string years = "1816-2007";
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
    std::optional<std::string> simulated;
    std::optional<std::int64_t> ensemble;
    std::optional<std::string> order;
  };
  auto powerlaw_args = std::make_shared<PowerLawArgs>();
  auto* powerlaw = validate->add_subcommand(
      "powerlaw", "Clauset-Shalizi-Newman power-law fit to COW inter-state war battle deaths (and to simulated wars)");
  powerlaw
      ->add_option_function<std::string>(
          "--bootstrap",
          [a = powerlaw_args.get()](const std::string& t) {
            a->bootstrap = static_cast<std::size_t>(parse_strict_uint("--bootstrap", t, 0, limits::kMaxBootstrap));
          },
          "Replicates for the goodness-of-fit p-value, 0 (none) to 10^6 (default 1000)")
      ->type_name("UINT");
  add_uint_option(powerlaw, "--seed", powerlaw_args->seed, "Seed of the bootstrap, 0 to 2^64 - 1 (default 20090101)");
  powerlaw->add_option("--data-dir", powerlaw_args->data_dir, "Data directory (default $CONCORD_DATA_DIR)");
  powerlaw->add_option("--simulated", powerlaw_args->simulated,
                       "Results store of `concord run/compare --out`: fit the battle deaths of its wars too");
  auto* ensemble_opt =
      powerlaw->add_option("--ensemble", powerlaw_args->ensemble, "Only this ensemble of the store (default: all)");
  ensemble_opt->needs(powerlaw->get_option("--simulated"));
  powerlaw->add_option("--order", powerlaw_args->order, "Only the runs of this order (a compare store holds all)")
      ->needs(powerlaw->get_option("--simulated"));
  powerlaw->callback([powerlaw_args] {
    const auto dir = resolve_data_dir(powerlaw_args->data_dir);
    const auto wars = data::read_inter_state_wars(dir / data::paths::kInterStateWar40);
    int without = 0;
    const std::vector<double> deaths = war_battle_deaths(wars, &without);
    const validate::PowerLawOptions opts;
    struct Column {
      std::string label;
      validate::PowerLawFit fit;
      std::optional<double> p;
    };
    std::vector<Column> columns;
    auto fit_column = [&](std::string label, const std::vector<double>& x) {
      Column c{std::move(label), validate::fit_power_law(x, opts), std::nullopt};
      if (powerlaw_args->bootstrap > 0) {
        // progress on stderr and a clean stop on Ctrl-C: each replicate refits the tail
        ensemble::InterruptGuard guard;
        ensemble::ProgressBar bar("bootstrap " + c.label, powerlaw_args->bootstrap, stderr,
                                  ensemble::ProgressOptions{powerlaw_args->bootstrap < 2000});
        std::size_t done = 0;
        validate::BootstrapControl control;
        control.progress = [&](std::size_t k, std::size_t) { bar.update(k); };
        control.stop = &guard.flag();
        control.done = &done;
        c.p = validate::power_law_p_value(x, c.fit, opts, powerlaw_args->bootstrap, powerlaw_args->seed, control);
        if (guard.interrupted()) {
          std::fprintf(stderr, "\nstopped on interrupt after %zu of %zu bootstrap replicates of %s%s\n", done,
                       powerlaw_args->bootstrap, c.label.c_str(),
                       done > 0 ? fmt::format(" (p = {:.3f} from those)", *c.p).c_str() : "");
          throw CLI::RuntimeError(130);
        }
        bar.finish();
      }
      columns.push_back(std::move(c));
    };
    std::cout << fmt::format(
        "COW inter-state wars 4.0: battle deaths per war (sum over participants), {} wars ({} without a count "
        "left out)\n",
        deaths.size(), without);
    fit_column("COW 4.0", deaths);
    if (powerlaw_args->simulated) {
      const auto sim = validate::read_simulated_wars(*powerlaw_args->simulated, powerlaw_args->ensemble,
                                                     powerlaw_args->order);
      std::string ids;
      for (auto id : sim.ensembles) ids += fmt::format("{}{}", ids.empty() ? "" : ",", id);
      std::cout << fmt::format(
          "simulated: {} (ensembles {}): {} ended wars with battle deaths; left out: {} without deaths, {} "
          "ongoing at the horizon\n",
          *powerlaw_args->simulated, ids.empty() ? std::string("none") : ids, sim.battle_deaths.size(),
          sim.without_deaths, sim.ongoing);
      if (sim.battle_deaths.size() < 3) {
        std::cerr << "validate powerlaw: the store holds fewer than 3 wars with battle deaths (an engine that "
                     "does not record battle deaths writes values below 1); nothing to fit\n";
        throw CLI::RuntimeError(4);  // result undefined for these inputs (2 is reserved for usage errors)
      }
      fit_column("simulated", sim.battle_deaths);
    }
    std::cout << "Clauset, Shalizi & Newman (2009) continuous fit, x_min by the KS criterion:\n";
    std::cout << fmt::format("  {:<8}", "");
    for (const auto& c : columns) std::cout << fmt::format(" {:>20}", c.label);
    std::cout << "\n";
    auto row = [&](const char* name, auto&& cell) {
      std::cout << fmt::format("  {:<8}", name);
      for (const auto& c : columns) std::cout << fmt::format(" {:>20}", cell(c));
      std::cout << "\n";
    };
    row("alpha", [](const Column& c) { return fmt::format("{:.4f} +/- {:.4f}", c.fit.alpha, c.fit.alpha_se); });
    row("x_min", [](const Column& c) { return fmt::format("{:.0f}", c.fit.x_min); });
    row("n_tail", [](const Column& c) { return fmt::format("{} of {}", c.fit.n_tail, c.fit.n_total); });
    row("KS D", [](const Column& c) { return fmt::format("{:.4f}", c.fit.ks_distance); });
    if (powerlaw_args->bootstrap > 0) {
      row("p", [](const Column& c) { return fmt::format("{:.3f}", c.p.value_or(std::nan(""))); });
      std::cout << fmt::format("  (p: {} bootstrap replicates, seed {}; p <= 0.1 rules the power law out)\n",
                               powerlaw_args->bootstrap, powerlaw_args->seed);
    }
    for (const auto& c : columns) {
      if (c.fit.n_tail < 50) {
        std::cout << fmt::format(
            "  note: {}: only {} values in the tail (under 50): alpha is imprecise and the goodness-of-fit "
            "test has little power to tell a power law from other heavy tails (Clauset, Shalizi & Newman 2009)\n",
            c.label, c.fit.n_tail);
      }
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
    std::optional<std::string> hazards;
    std::string flashpoints;
    int incident_window = 0;
    std::optional<std::string> out;
  };
  auto backtest_args = std::make_shared<BacktestArgs>();
  auto* backtest = validate->add_subcommand(
      "backtest", "Run the scenario of a historical year and compare yearly MIDs, wars and dyads with the record");
  backtest->add_option("--start", backtest_args->start, "First compared year (the scenario is that of the year before)")
      ->capture_default_str();
  backtest->add_option("--years", backtest_args->years, "Compared years")->capture_default_str()->check(
      CLI::Range(1, limits::kMaxYears));
  backtest->add_option("--region", backtest_args->region, "asia-pacific, europe or world")
      ->capture_default_str()
      ->check(CLI::IsMember({"asia-pacific", "europe", "world"}));
  backtest->add_option("--order", backtest_args->order,
                       "Order preset or file (default: multiplex for asia-pacific, balance-of-power for europe)");
  add_uint_option(backtest, "--runs", backtest_args->runs, "Simulated runs, 1 to 10^7 (default 200)", 1,
                  limits::kMaxRunsPerOrder);
  add_uint_option(backtest, "--seed", backtest_args->seed, "Master seed, 0 to 2^64 - 1 (default 1)");
  backtest->add_option("--data-dir", backtest_args->data_dir, "Data directory (default $CONCORD_DATA_DIR)");
  backtest->add_option("--hazards", backtest_args->hazards,
                       "Hazards file (default, fitted before the start: data/hazards-europe.toml for europe, "
                       "data/hazards-world.toml for world, data/hazards-asia-1946-1994.toml for asia-pacific)");
  backtest->add_option("--flashpoints", backtest_args->flashpoints,
                       "Flashpoint catalogue under data/ (default: flashpoints-1890.toml for europe, "
                       "flashpoints.toml otherwise)");
  backtest->add_option("--incident-window", backtest_args->incident_window,
                       "Years of MID onsets, ending with the scenario year, that fit flashpoint rates (default: 20 "
                       "for europe, 22 otherwise)")
      ->check(CLI::NonNegativeNumber);
  backtest->add_option("--out", backtest_args->out,
                       "Results store (SQLite) to write tables 'backtest', 'backtest_years', 'backtest_dyads' to");
  backtest->callback([backtest_args] {
    validate::BacktestOptions o;
    o.start = backtest_args->start;
    o.years = backtest_args->years;
    o.region = backtest_args->region;
    o.order = backtest_args->order;
    o.runs = backtest_args->runs;
    o.seed = backtest_args->seed;
    o.data_dir = resolve_data_dir(backtest_args->data_dir);
    if (backtest_args->hazards) o.hazards_file = *backtest_args->hazards;
    o.flashpoint_catalog = backtest_args->flashpoints;
    o.incident_window_years = backtest_args->incident_window;
    const validate::BacktestResult result = validate::run_backtest(o);
    std::cout << validate::format_backtest_report(result);
    if (backtest_args->out) {
      validate::write_backtest_store(result, *backtest_args->out);
      std::cout << fmt::format("\nwrote tables 'backtest', 'backtest_years', 'backtest_dyads' to {}\n",
                               *backtest_args->out);
    }
  });
  register_wars_command(*validate);
  register_escalation_commands(*validate);
}

}  // namespace concord::cli

