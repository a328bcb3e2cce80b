// `concord validate escalation|joining|calibration`: the conflict process of phases 7-8 estimated
// from the record and held to it (docs/validation.md, docs/model.md "escalation", "war joining").
#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <iostream>
#include <optional>
#include <string>

#include "cli/commands.hpp"
#include "concord/common/data_dir.hpp"
#include "concord/common/error.hpp"
#include "concord/validate/calibration.hpp"
#include "concord/validate/escalation.hpp"

namespace concord::cli {

namespace {

std::pair<int, int> window_arg(const std::string& text, const std::string& option) {
  int a = 0;
  int b = 0;
  char dash = 0;
  char extra = 0;
  if (std::sscanf(text.c_str(), "%d%c%d%c", &a, &dash, &b, &extra) != 3 || dash != '-' || b < a) {
    throw InputError(Location{"command line", 0, 0, option},
                     fmt::format("expected a year range FIRST-LAST such as 1816-1999, got '{}'", text));
  }
  return {a, b};
}

std::string today() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

}  // namespace

void register_escalation_commands(CLI::App& validate) {
  struct EscalationArgs {
    std::string region = "world";
    std::string train = "1816-1999";
    std::string test = "2000-2014";
    std::string format = "table";
    std::optional<std::string> data_dir;
    std::optional<std::string> write;
  };
  auto ea = std::make_shared<EscalationArgs>();
  auto* esc = validate.add_subcommand(
      "escalation", "Fit the escalation of dyadic MIDs to war (MID 5.0) and score it out of sample");
  esc->add_option("--region", ea->region, "asia (the 37 Asia-Pacific COW codes), europe or world")
      ->capture_default_str();
  esc->add_option("--train", ea->train, "Training years FIRST-LAST (dyadic MID onsets)")->capture_default_str();
  esc->add_option("--test", ea->test, "Test years FIRST-LAST")->capture_default_str();
  esc->add_option("--format", ea->format, "table, csv or json")
      ->capture_default_str()
      ->check(CLI::IsMember({"table", "csv", "json"}));
  esc->add_option("--data-dir", ea->data_dir, "Data directory (default $CONCORD_DATA_DIR)");
  esc->add_option("--write", ea->write, "Write the engine's escalation file (data/escalation-<region>.toml)");
  esc->callback([ea] {
    validate::EscalationOptions o;
    std::tie(o.train_first, o.train_last) = window_arg(ea->train, "--train");
    std::tie(o.test_first, o.test_last) = window_arg(ea->test, "--test");
    try {
      o.region = validate::parse_region(ea->region);
    } catch (const std::invalid_argument& e) {
      throw InputError(Location{"command line", 0, 0, "--region"}, e.what());
    }
    const auto sources = validate::read_escalation_sources(resolve_data_dir(ea->data_dir));
    validate::EscalationResult r;
    try {
      r = validate::run_escalation(*sources, o);
    } catch (const validate::LogitError& e) {
      std::cerr << "validate escalation: the escalation logit cannot be fitted: " << e.what() << "\n";
      throw CLI::RuntimeError(2);
    }
    std::cout << validate::format_escalation_report(r, ea->format);
    if (ea->write) {
      const std::string command =
          fmt::format("concord validate escalation --region {} --train {} --test {} --write {}",
                      validate::region_name(o.region), ea->train, ea->test, *ea->write);
      validate::write_escalation_toml(r, *ea->write, command, today());
      std::cerr << fmt::format("wrote {}\n", *ea->write);
    }
  });

  struct JoiningArgs {
    std::string years = "1816-2007";
    std::string format = "table";
    std::optional<std::string> data_dir;
    std::optional<std::string> write;
    bool list = false;
  };
  auto ja = std::make_shared<JoiningArgs>();
  auto* join = validate.add_subcommand(
      "joining", "War joining under an applicable alliance obligation (COW inter-state wars, ATOP 4.01), by era");
  join->add_option("--years", ja->years, "Wars whose first year lies in FIRST-LAST")->capture_default_str();
  join->add_option("--format", ja->format, "table, csv or json")
      ->capture_default_str()
      ->check(CLI::IsMember({"table", "csv", "json"}));
  join->add_option("--data-dir", ja->data_dir, "Data directory (default $CONCORD_DATA_DIR)");
  join->add_option("--write", ja->write, "Write the engine's joining file (data/joining.toml)");
  join->add_flag("--list", ja->list, "List every invoked obligation (CSV: war, year, ally, partner, obligation, joined)");
  join->callback([ja] {
    validate::JoiningOptions o;
    std::tie(o.first_year, o.last_year) = window_arg(ja->years, "--years");
    const auto sources = validate::read_escalation_sources(resolve_data_dir(ja->data_dir));
    const validate::JoiningResult r = validate::estimate_joining(*sources, o);
    if (ja->list) {
      std::cout << "warnum,year,ally,partner,obligation,joined,joined_other_side\n";
      for (const auto& inv : r.invoked) {
        std::cout << fmt::format("{},{},{},{},{},{},{}\n", inv.warnum, inv.year, inv.ally, inv.partner,
                                 inv.kind == engine::Obligation::defense ? "defense" : "offense", inv.joined ? 1 : 0,
                                 inv.joined_other_side ? 1 : 0);
      }
      return;
    }
    std::cout << validate::format_joining_report(r, ja->format);
    if (ja->write) {
      const std::string command = fmt::format("concord validate joining --years {} --write {}", ja->years, *ja->write);
      validate::write_joining_toml(r, *ja->write, command, today());
      std::cerr << fmt::format("wrote {}\n", *ja->write);
    }
  });

  struct CalibrationArgs {
    std::string format = "table";
    std::uint64_t runs = 1000;
    std::uint64_t seed = 1;
    std::optional<std::string> data_dir;
    std::optional<std::string> escalation;
    std::optional<std::string> escalation_asia;
    std::optional<std::string> joining;
    std::optional<std::string> eras;
  };
  auto ca = std::make_shared<CalibrationArgs>();
  auto* cal = validate.add_subcommand(
      "calibration",
      "Simulated escalation per dyadic MID and joining shares against the record, by class and era (90% intervals)");
  cal->add_option("--format", ca->format, "table, csv or json")
      ->capture_default_str()
      ->check(CLI::IsMember({"table", "csv", "json"}));
  cal->add_option("--runs", ca->runs, "Simulated replications of the record")->capture_default_str()->check(
      CLI::PositiveNumber);
  cal->add_option("--seed", ca->seed, "Master seed")->capture_default_str();
  cal->add_option("--data-dir", ca->data_dir, "Data directory (default $CONCORD_DATA_DIR)");
  cal->add_option("--escalation", ca->escalation, "Escalation file of the world classes (default data/escalation-world.toml)");
  cal->add_option("--escalation-asia", ca->escalation_asia,
                  "Escalation file of the Asia-Pacific classes (default: the one an asia-pacific scenario reads)");
  cal->add_option("--joining", ca->joining, "Joining file (default data/joining.toml)");
  cal->add_option("--eras", ca->eras, "Era -> order file (default data/eras.toml)");
  cal->callback([ca] {
    validate::CalibrationOptions o;
    o.runs = ca->runs;
    o.seed = ca->seed;
    if (ca->escalation) o.escalation_file = *ca->escalation;
    if (ca->escalation_asia) o.escalation_asia_file = *ca->escalation_asia;
    if (ca->joining) o.joining_file = *ca->joining;
    if (ca->eras) o.eras_file = *ca->eras;
    const auto sources = validate::read_escalation_sources(resolve_data_dir(ca->data_dir));
    const validate::CalibrationResult r = validate::run_calibration(*sources, o);
    std::cout << validate::format_calibration_report(r, ca->format);
    if (!r.all_pass()) throw CLI::RuntimeError(3);
  });
}

}  // namespace concord::cli
