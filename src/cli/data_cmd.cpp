// concord data check | data cinc: the data layer's face on the command line.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "cli/commands.hpp"
#include "concord/common/data_dir.hpp"
#include "concord/common/error.hpp"
#include "concord/data/check.hpp"
#include "concord/data/nmc.hpp"
#include "concord/data/paths.hpp"
#include "concord/data/state_system.hpp"
#include "concord/measures/cinc.hpp"

namespace concord::cli {

namespace {

struct CheckOptions {
  std::optional<std::string> data_dir;
};

struct CincOptions {
  std::optional<std::string> data_dir;
  int year = 0;
  std::string nmc = "v7";
  std::string format = "table";
};

void run_check(const CheckOptions& o) {
  const std::filesystem::path dir = resolve_data_dir(o.data_dir);
  if (!std::filesystem::is_directory(dir)) {
    throw InputError(Location{dir.string(), 0, 0, ""},
                     "data directory not found (give --data-dir or set CONCORD_DATA_DIR)");
  }
  std::vector<data::DatasetCheck> checks = data::check_all(dir);
  bool all_ok = true;
  fmt::print("data directory: {}\n", dir.string());
  for (const auto& c : checks) {
    all_ok = all_ok && c.ok;
    std::string years = c.coverage.first_year == 0 && c.coverage.last_year == 0
                            ? std::string("-")
                            : fmt::format("{}-{}", c.coverage.first_year, c.coverage.last_year);
    // At most five problems on the line; the rest are counted.
    std::string problems;
    for (std::size_t i = 0; i < c.problems.size() && i < 5; ++i)
      problems += (i == 0 ? "" : "; ") + c.problems[i];
    if (c.problems.size() > 5) problems += fmt::format("; and {} more", c.problems.size() - 5);
    fmt::print("{:<26} {:<9} rows {:>7}  years {:<10} states {:>3}  missing {:>6}  skipped {:>5}  {}\n",
               c.name, c.ok ? "ok" : "MALFORMED", c.rows, years, c.coverage.states, c.missing, c.skipped,
               problems.empty() ? std::string("no problems") : problems);
  }
  if (!all_ok) throw CLI::RuntimeError(1);
}

void run_cinc(const CincOptions& o) {
  const std::filesystem::path dir = resolve_data_dir(o.data_dir);
  const data::NmcVersion version = o.nmc == "v6" ? data::NmcVersion::v6 : data::NmcVersion::v7;
  data::NmcTable nmc = data::read_nmc(data::nmc_path(dir, version), version);

  // System members of the year: system2016 for v6 (its companion), spells of v2024 for v7.
  std::vector<int> members;
  std::string abb_source;
  data::StateSpells spells = data::read_state_list(dir / data::paths::kStateList2024);
  if (version == data::NmcVersion::v6) {
    data::StateYears sys = data::read_system_years(dir / data::paths::kSystem2016);
    for (std::size_t i = 0; i < sys.size(); ++i) {
      if (sys.year[i] == o.year) members.push_back(sys.ccode[i]);
    }
    std::sort(members.begin(), members.end());
  } else {
    members = spells.members(o.year);
  }

  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < nmc.size(); ++i) {
    if (nmc.year[i] == o.year) rows.push_back(i);
  }
  if (rows.empty()) {
    throw InputError(Location{nmc.report.file, 0, 0, "year"},
                     fmt::format("NMC {} has no rows for year {}", o.nmc, o.year));
  }
  std::vector<double> cinc(nmc.size(), std::nan(""));
  measures::cinc_rows(nmc.components(), rows, cinc);

  struct Row {
    int ccode;
    std::string abb;
    double cinc;
    double published;
  };
  std::vector<Row> out;
  for (int c : members) {
    auto r = nmc.index.find(c, o.year);
    std::string abb =
        version == data::NmcVersion::v6 && r ? nmc.stateabb[*r] : std::string(spells.abbreviation(c, o.year));
    if (!r) {
      std::fprintf(stderr, "warning: system member %d (%s) has no NMC %s row in %d\n", c, abb.c_str(),
                   o.nmc.c_str(), o.year);
      out.push_back({c, abb, std::nan(""), std::nan("")});
      continue;
    }
    out.push_back({c, abb, cinc[*r], nmc.cinc[*r]});
  }
  for (std::size_t r : rows) {
    if (!std::binary_search(members.begin(), members.end(), nmc.ccode[r])) {
      std::fprintf(stderr,
                   "warning: NMC %s row for ccode %d in %d is not a system member; it counts in the totals\n",
                   o.nmc.c_str(), nmc.ccode[r], o.year);
    }
  }

  auto num = [](double v) { return std::isnan(v) ? std::string("NA") : fmt::format("{}", v); };
  if (o.format == "csv") {
    fmt::print("ccode,stateabb,year,cinc,cinc_published\n");
    for (const auto& r : out)
      fmt::print("{},{},{},{},{}\n", r.ccode, r.abb, o.year, num(r.cinc), num(r.published));
  } else if (o.format == "json") {
    nlohmann::ordered_json j = nlohmann::ordered_json::array();
    for (const auto& r : out) {
      nlohmann::ordered_json e{{"ccode", r.ccode}, {"stateabb", r.abb}, {"year", o.year}};
      e["cinc"] = std::isnan(r.cinc) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.cinc);
      e["cinc_published"] =
          std::isnan(r.published) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.published);
      j.push_back(e);
    }
    fmt::print("{}\n", j.dump(2));
  } else {
    fmt::print("{:>5}  {:<8} {:>4}  {:>12}  {:>14}\n", "ccode", "stateabb", "year", "cinc", "cinc_published");
    auto fix = [](double v) { return std::isnan(v) ? std::string("NA") : fmt::format("{:.9f}", v); };
    for (const auto& r : out) {
      fmt::print("{:>5}  {:<8} {:>4}  {:>12}  {:>14}\n", r.ccode, r.abb, o.year, fix(r.cinc),
                 fix(r.published));
    }
  }
}

}  // namespace

void register_data_commands(CLI::App& app) {
  CLI::App* data = app.add_subcommand("data", "Read and check the Correlates-of-War-family datasets");
  data->require_subcommand(1);

  auto check_opts = std::make_shared<CheckOptions>();
  CLI::App* check = data->add_subcommand(
      "check", "Load every dataset; one line each with rows, years, states, missing values and problems");
  check->add_option("--data-dir", check_opts->data_dir,
                    "Data directory (default $CONCORD_DATA_DIR, else ../shared/data)");
  check->callback([check_opts] { run_check(*check_opts); });

  auto cinc_opts = std::make_shared<CincOptions>();
  CLI::App* cinc = data->add_subcommand("cinc",
                                        "CINC of every system member in a year, recomputed from the six NMC "
                                        "components beside the published value");
  cinc->add_option("--year", cinc_opts->year, "Year")->required();
  cinc->add_option("--data-dir", cinc_opts->data_dir,
                   "Data directory (default $CONCORD_DATA_DIR, else ../shared/data)");
  cinc->add_option("--nmc", cinc_opts->nmc, "NMC version")
      ->check(CLI::IsMember({"v6", "v7"}))
      ->capture_default_str();
  cinc->add_option("--format", cinc_opts->format, "Output format")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  cinc->callback([cinc_opts] { run_cinc(*cinc_opts); });
}

}  // namespace concord::cli
