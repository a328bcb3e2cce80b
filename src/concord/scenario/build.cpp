#include "concord/scenario/build.hpp"

#include <fmt/format.h>

#include <Eigen/Dense>
#include <algorithm>
#include <boost/math/distributions/chi_squared.hpp>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>

#include "concord/common/data_dir.hpp"
#include "concord/data/alliances.hpp"
#include "concord/data/conflict.hpp"
#include "concord/data/coverage.hpp"
#include "concord/data/csv.hpp"
#include "concord/data/democracy.hpp"
#include "concord/data/economy.hpp"
#include "concord/data/geography.hpp"
#include "concord/data/igo_dyads.hpp"
#include "concord/data/institutions.hpp"
#include "concord/data/nmc.hpp"
#include "concord/data/paths.hpp"
#include "concord/data/state_system.hpp"
#include "concord/data/trade.hpp"
#include "concord/measures/distance.hpp"
#include "concord/scenario/catalog.hpp"

namespace concord {

RateInterval poisson_rate_interval(int count, double exposure_years, double level) {
  RateInterval out;
  out.rate = count / exposure_years;
  const double alpha = 1.0 - level;
  if (count > 0) {
    boost::math::chi_squared lo(2.0 * count);
    out.lower = boost::math::quantile(lo, alpha / 2.0) / (2.0 * exposure_years);
  }
  boost::math::chi_squared hi(2.0 * count + 2.0);
  out.upper = boost::math::quantile(hi, 1.0 - alpha / 2.0) / (2.0 * exposure_years);
  return out;
}

double GravityModel::predict(double gdp_importer, double gdp_exporter, double distance_km) const {
  return smearing * std::exp(b0 + b_gdp_importer * std::log(gdp_importer) +
                             b_gdp_exporter * std::log(gdp_exporter) + b_distance * std::log(distance_km));
}

GravityModel fit_gravity(std::span<const double> flow, std::span<const double> gdp_importer,
                         std::span<const double> gdp_exporter, std::span<const double> distance_km) {
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < flow.size(); ++i) {
    const double v[] = {gdp_importer[i], gdp_exporter[i], distance_km[i]};
    if (std::isfinite(flow[i]) && flow[i] >= 0.0 &&
        std::all_of(std::begin(v), std::end(v), [](double x) { return std::isfinite(x) && x > 0.0; })) {
      rows.push_back(i);
    }
  }
  if (rows.size() < 5) {
    throw InputError(Location{},
                     fmt::format("gravity model: only {} usable flows (need at least 5)", rows.size()));
  }
  const auto n = static_cast<Eigen::Index>(rows.size());
  Eigen::MatrixXd x(n, 4);
  Eigen::VectorXd y(n);
  for (Eigen::Index r = 0; r < n; ++r) {
    const std::size_t i = rows[static_cast<std::size_t>(r)];
    x(r, 0) = 1.0;
    x(r, 1) = std::log(gdp_importer[i]);
    x(r, 2) = std::log(gdp_exporter[i]);
    x(r, 3) = std::log(distance_km[i]);
    y(r) = flow[i];
  }
  if (y.maxCoeff() <= 0.0) throw InputError(Location{}, "gravity model: every flow is zero");
  // Poisson pseudo-maximum likelihood by iteratively reweighted least squares (McCullagh &
  // Nelder 1989, log link): z = eta + (y - mu) / mu, weights mu, until the deviance settles.
  Eigen::VectorXd mu = (y.array() + y.mean()) / 2.0;
  Eigen::VectorXd eta = mu.array().log();
  Eigen::VectorXd b = Eigen::VectorXd::Zero(4);
  double deviance = std::numeric_limits<double>::infinity();
  for (int iter = 0; iter < 200; ++iter) {
    const Eigen::VectorXd z = eta.array() + (y - mu).array() / mu.array();
    const Eigen::VectorXd sw = mu.array().sqrt();
    const Eigen::MatrixXd xw = sw.asDiagonal() * x;
    const Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(xw);
    if (qr.rank() < 4) throw InputError(Location{}, "gravity model: singular design (collinear regressors)");
    b = qr.solve(Eigen::VectorXd(sw.array() * z.array()));
    eta = x * b;
    mu = eta.array().exp();
    double dev = 0.0;
    for (Eigen::Index r = 0; r < n; ++r) {
      dev += 2.0 * ((y(r) > 0.0 ? y(r) * std::log(y(r) / mu(r)) : 0.0) - (y(r) - mu(r)));
    }
    const bool settled = std::abs(dev - deviance) <= 1e-12 * (1.0 + std::abs(dev));
    deviance = dev;
    if (settled) break;
  }
  GravityModel m;
  m.b0 = b(0);
  m.b_gdp_importer = b(1);
  m.b_gdp_exporter = b(2);
  m.b_distance = b(3);
  m.smearing = 1.0;
  // Pseudo R^2: squared correlation of observed and fitted flows (Santos Silva & Tenreyro 2006).
  const Eigen::ArrayXd yc = y.array() - y.mean();
  const Eigen::ArrayXd mc = mu.array() - mu.mean();
  const double denom = std::sqrt((yc * yc).sum() * (mc * mc).sum());
  m.r_squared = denom > 0 ? std::pow((yc * mc).sum() / denom, 2) : 1.0;
  m.observations = rows.size();
  return m;
}

namespace {

// Dataset ids used in provenance, and their sources.
constexpr const char* kStates = "cow-states-2024";
constexpr const char* kMajors = "cow-majors-2024";
constexpr const char* kNmc = "nmc-7.0";
constexpr const char* kMaddison = "mpd-2023";
constexpr const char* kSdp = "sdp-2020";
constexpr const char* kSipri = "sipri-2024";
constexpr const char* kVdem = "vdem-16";
constexpr const char* kCapitals = "cow-capitals";
constexpr const char* kAtop = "atop-5.1";
constexpr const char* kTrade = "cow-trade-4.0";
constexpr const char* kGravity = "gravity";
constexpr const char* kContiguity = "contdir-3.2";
constexpr const char* kRivalries = "td-rivalries";
constexpr const char* kNuclear = "bleek-2017";
constexpr const char* kTrustPrior = "trust-prior";
constexpr const char* kInstitutions = "ap-institutions";
constexpr const char* kInstitutionCatalog = "institution-catalogue";
constexpr const char* kIgo = "cow-igo-3.0";
constexpr const char* kMid = "cow-mid-5.0";
constexpr const char* kFlashpoints = "flashpoint-catalogue";
constexpr const char* kSdpFile = "sdp_gdp_2020/cow_sdp_gdp_peacesciencer.csv";

std::map<std::string, Source> sources(const std::string& catalog_dir, const std::string& flashpoint_catalog) {
  std::map<std::string, Source> s;
  s[kStates] = {"COW State System Membership", "2024", data::paths::kStateList2024,
                "Correlates of War Project (2024), State System Membership List, v2024"};
  s[kMajors] = {"COW major powers", "2024", data::paths::kMajors2024,
                "Correlates of War Project (2024), State System Membership List, v2024 (majors)"};
  s[kNmc] = {"COW National Material Capabilities", "7.0", data::paths::kNmcV7,
             "Singer, Bremer & Stuckey (1972); NMC v7.0 documentation; via Miller (2022), peacesciencer, "
             "CMPS 39(6)"};
  s[kMaddison] = {"Maddison Project Database", "2023", data::paths::kMaddison2023Data,
                  "Bolt & van Zanden (2024), Maddison style estimates of the evolution of the world economy: "
                  "a new 2023 update, Journal of Economic Surveys"};
  s[kSdp] = {"GDP and population estimates (SDP)", "2020", kSdpFile,
             "Anders, Fariss & Markowitz (2020), Bread before guns or butter, International Studies "
             "Quarterly 64(2); ln GDP in 2011 US$ and ln population, used where Maddison has no value"};
  s[kSipri] = {"SIPRI Military Expenditure Database", "2024 release (1949-2023)",
               data::paths::kSipriConstant2022,
               "SIPRI (2024), Military Expenditure Database, constant 2022 US$"};
  s[kVdem] = {"V-Dem electoral democracy index (v2x_polyarchy)", "v16 via isard cw_democracy",
              data::paths::kDemocracyIsard, "Coppedge et al., V-Dem Codebook v16 (2025)"};
  s[kCapitals] = {"COW capitals with coordinates", "peacesciencer 2022", data::paths::kCapitals,
                  "Miller (2022), peacesciencer, CMPS 39(6); distance = great circle (haversine) on the IUGG "
                  "mean radius 6371.0088 km"};
  s[kAtop] = {"ATOP directed dyad-years", "5.1", data::paths::kAtop51DyadYear,
              "Leeds et al. (2002), International Interactions 28; ATOP v5.1 codebook; level = max over both "
              "directions of 3 defense/offense, 2 neutrality/consultation, 1 non-aggression"};
  s[kTrade] = {"COW Trade dyadic, Asia-Pacific extract", "4.0", data::paths::kTradeDyadicAsiaPacific,
               "Barbieri, Keshk & Pollins (2009), CMPS 26(5); Barbieri & Keshk (2016), codebook v4.0; "
               "millions of current US$"};
  s[kContiguity] = {"COW Direct Contiguity", "3.2", data::paths::kContiguity32,
                    "Stinnett et al. (2002), CMPS 19(2): 58-66"};
  s[kRivalries] = {"Strategic rivalries", "Thompson & Dreyer 2012", data::paths::kRivalries,
                   "Thompson & Dreyer (2012), Handbook of International Rivalries, 1494-2010"};
  s[kNuclear] = {"Nuclear weapons status by country-year (Our World in Data panel)", "2022 release (1938-2022)",
                 data::paths::kNuclearStatus,
                 "Bleek (2017), When Did (and Didn't) States Proliferate?, Belfer Center; NTI (2022); nuclear = "
                 "status 3 (possesses)"};
  s[kTrustPrior] = {"Initial trust prior (concord)", "1", "",
                    "tau = 0.5 + 0.25 * alliance / 3, minus 0.3 for an ongoing strategic rivalry, clamped to "
                    "0.05..0.95 (docs/scenario.md)"};
  s[kInstitutions] = {"Asia-Pacific institutions memberships", "hand-compiled",
                      data::paths::kAsiaPacificInstitutions, "concord shared data; see its PROVENANCE.md"};
  s[kIgo] = {"COW Intergovernmental Organizations, state-year membership (selected IGOs)", "3.0",
             data::paths::kIgoMemberships,
             "Pevehouse, Nordstrom, McManus & Jamison (2020), JPR 57(3): 492-503; full members (status 1); "
             "ends in 2014"};
  s[kInstitutionCatalog] = {"Curated institution attributes", "concord", catalog_dir + "/institutions.toml",
                            "decision rule, mandate and capacity with sources per institution"};
  s[kMid] = {"COW Militarized Interstate Disputes, directed dispute-dyad-years", "5.0",
             data::paths::kMidDirectedDisputeYears,
             "Palmer et al. (2022), CMPS 39(4); via Miller (2022), peacesciencer"};
  s[kFlashpoints] = {"Curated flashpoint catalogue", "concord", catalog_dir + "/" + flashpoint_catalog,
                     "positions and salience with a source note per party"};
  return s;
}

/// SDP/GDP estimates: ln GDP (2011 US$) and ln population by state-year.
struct SdpTable {
  std::map<std::pair<int, int>, std::pair<double, double>> rows;  // (ccode, year) -> (gdp $, pop persons)
};

double parse_or_nan(const std::string& s) {
  if (s.empty() || s == "NA") return std::nan("");
  std::size_t used = 0;
  const double v = std::stod(s, &used);
  return used == s.size() ? v : std::nan("");
}

SdpTable read_sdp(const std::filesystem::path& file) {
  SdpTable t;
  try {
    io::CSVReader<4, io::trim_chars<' '>, io::double_quote_escape<',', '"'>> in(
        file.string(), data::open_csv_source(file, nullptr));
    in.read_header(io::ignore_extra_column, "ccode", "year", "wbgdp2011est", "wbpopest");
    int ccode = 0;
    int year = 0;
    std::string gdp;
    std::string pop;
    while (in.read_row(ccode, year, gdp, pop)) {
      t.rows[{ccode, year}] = {std::exp(parse_or_nan(gdp)), std::exp(parse_or_nan(pop))};
    }
  } catch (const io::error::base& e) {
    throw InputError(Location{file.string(), 0, 0, ""}, e.what());
  } catch (const std::invalid_argument& e) {
    throw InputError(Location{file.string(), 0, 0, ""}, "expected a number");
  }
  return t;
}

/// Latest year in [year - lookback, year] for which `value(y)` is finite; 0 if none.
template <class F>
int latest_year(int year, int lookback, F&& value) {
  for (int y = year; y >= year - lookback; --y) {
    if (std::isfinite(value(y))) return y;
  }
  return 0;
}

int max_year(const std::vector<int>& years) {
  return years.empty() ? 0 : *std::max_element(years.begin(), years.end());
}

/// The provenance note of a value carried past its dataset's last year (scenario check lists
/// every note that starts with "carried forward").
std::string carried_note(std::string_view dataset, int last, int year) {
  return fmt::format("carried forward from {}, the last year of {}, to {}", last, dataset, year);
}

/// Records a figure's provenance on the entry, unless it equals the scenario-wide default.
void record(ProvenanceMap& defaults, const std::string& kind, ProvenanceMap& entry, const std::string& figure,
            Provenance p) {
  const auto it = defaults.find(kind + "." + figure);
  if (it != defaults.end() && it->second == p) return;
  entry[figure] = std::move(p);
}

}  // namespace

Scenario build_scenario(const BuildOptions& o, std::vector<std::string>* notes) {
  const std::filesystem::path dir = o.data_dir;
  const std::filesystem::path catalog = o.catalog_dir.empty() ? project_dir() / "data" : o.catalog_dir;
  std::vector<std::string> scratch;
  std::vector<std::string>& note = notes != nullptr ? *notes : scratch;
  const int year = o.year;

  Scenario s;
  s.meta.start_year = year;
  s.meta.horizon = o.horizon;
  s.meta.sources = sources("data", o.flashpoint_catalog);
  ProvenanceMap& defaults = s.meta.provenance;

  // --- states -------------------------------------------------------------------------------
  const data::StateSpells states = data::read_state_list(dir / data::paths::kStateList2024);
  const data::StateSpells majors = data::read_major_powers(dir / data::paths::kMajors2024);
  // Membership and great-power status cannot be carried forward: past the state list's last
  // year the build is refused.
  data::require_within("COW State System Membership v2024", std::min(states.last_year, majors.last_year), year, year,
                       Location{"--year", 0, 0, std::to_string(year)}, "the scenario year");
  std::vector<int> codes;
  if (!o.states.empty()) {
    s.meta.region = "custom";
    std::vector<Problem> problems;
    std::set<int> seen;
    for (int c : o.states) {
      if (!seen.insert(c).second) {
        problems.push_back(
            {Location{"--states", 0, 0, std::to_string(c)}, fmt::format("{} is listed twice", c)});
      }
      if (!states.member(c, year)) {
        problems.push_back({Location{"--states", 0, 0, std::to_string(c)},
                            fmt::format("{} is not a COW system member in {}", c, year)});
      }
    }
    if (!problems.empty()) throw InputError(std::move(problems));
    codes = o.states;
    s.meta.description =
        fmt::format("States {} in {}, built from the datasets", fmt::join(codes, ", "), year);
  } else if (o.region == "world") {
    s.meta.region = "world";
    codes = states.members(year);
    s.meta.description = fmt::format("Every COW system member of {} (statelist2024)", year);
  } else {
    const auto regions = load_regions(catalog / "regions.toml");
    const auto it = regions.find(o.region);
    if (it == regions.end()) {
      std::vector<std::string> names;
      for (const auto& [k, v] : regions) names.push_back(k);
      throw InputError(
          Location{(catalog / "regions.toml").string(), 0, 0, "--region"},
          fmt::format("unknown region '{}': use world or one of {}", o.region, fmt::join(names, ", ")));
    }
    s.meta.region = o.region;
    s.meta.description = it->second.description;
    for (int c : it->second.states) {
      if (states.member(c, year)) {
        codes.push_back(c);
      } else {
        note.push_back(fmt::format("{} left out: not a COW system member in {}", c, year));
      }
    }
  }
  s.meta.name = fmt::format("{}-{}", s.meta.region, year);


  // --- actor figures ------------------------------------------------------------------------
  const data::NmcTable nmc = data::read_nmc(dir / data::paths::kNmcV7, data::NmcVersion::v7);
  // National series only for the years in which the state was a system member.
  data::StateEconomy maddison =
      data::maddison_state_years(data::read_maddison(dir / data::paths::kMaddison2023Data));
  data::keep_member_years(maddison, states);
  const SdpTable sdp = read_sdp(dir / kSdpFile);
  data::StateYearSeries sipri =
      data::sipri_state_years(data::read_sipri_milex(dir / data::paths::kSipriConstant2022));
  data::keep_member_years(sipri, states);
  const data::DemocracyTable vdem =
      data::read_democracy(dir / data::paths::kDemocracyIsard, data::DemocracySource::isard);
  const data::Capitals capitals = data::read_capitals(dir / data::paths::kCapitals);
  const data::NuclearStatus nuclear = data::read_nuclear_status(dir / data::paths::kNuclearStatus);
  // the panel ends in 2022: later builds carry 2022 forward (status_of is -1, missing, past it)
  const int nuclear_year = std::min(year, nuclear.last_year());

  const int lb = o.max_lookback;
  for (const char* f : {"milex", "milper", "irst", "pec", "tpop", "upop"}) {
    defaults[std::string("actor.") + f] = Provenance{kNmc, year, false, ""};
  }
  defaults["actor.gdp"] = Provenance{kMaddison, year, false, ""};
  defaults["actor.population"] = Provenance{kMaddison, year, false, ""};
  defaults["actor.military_expenditure"] = Provenance{kSipri, year, false, ""};
  defaults["actor.regime"] = Provenance{kVdem, year, false, ""};
  defaults["actor.great_power"] = Provenance{kMajors, year, false, ""};
  defaults["actor.nuclear"] = Provenance{kNuclear, nuclear_year, false, ""};
  defaults["actor.capital"] = Provenance{kCapitals, 0, false, ""};

  auto maddison_at = [&](int c, int y, bool gdp) {
    const auto row = maddison.index.find(c, y);
    if (!row) return std::nan("");
    return gdp ? maddison.gdp[*row] : maddison.pop[*row];
  };
  auto sdp_at = [&](int c, int y, bool gdp) {
    if (!states.member(c, y)) return std::nan("");
    const auto it = sdp.rows.find({c, y});
    if (it == sdp.rows.end()) return std::nan("");
    return gdp ? it->second.first : it->second.second;
  };

  for (int c : codes) {
    Actor a;
    a.ccode = c;
    a.stateabb = std::string(states.abbreviation(c, year));
    a.name = std::string(states.name(c));

    // GDP: Maddison (gdppc * pop), else the SDP estimate; millions of 2011 int'l $.
    if (int y = latest_year(year, lb, [&](int yy) { return maddison_at(c, yy, true); })) {
      a.gdp = maddison_at(c, y, true) / 1e6;
      record(defaults, "actor", a.provenance, "gdp", {kMaddison, y, false, ""});
    } else if (int y2 = latest_year(year, lb, [&](int yy) { return sdp_at(c, yy, true); })) {
      a.gdp = sdp_at(c, y2, true) / 1e6;
      record(defaults, "actor", a.provenance, "gdp",
             {kSdp, y2, false, "no Maddison value within the lookback; exp(wbgdp2011est)"});
    }
    if (int y = latest_year(year, lb, [&](int yy) { return maddison_at(c, yy, false); })) {
      a.population = maddison_at(c, y, false);
      record(defaults, "actor", a.provenance, "population", {kMaddison, y, false, ""});
    } else if (int y2 = latest_year(year, lb, [&](int yy) { return sdp_at(c, yy, false); })) {
      a.population = sdp_at(c, y2, false) / 1e3;
      record(defaults, "actor", a.provenance, "population",
             {kSdp, y2, false, "no Maddison value within the lookback; exp(wbpopest) / 1000"});
    }
    if (!(a.gdp > 0.0) || !(a.population > 0.0)) {
      note.push_back(
          fmt::format("{} {} left out: no GDP or population within {} years of {} in "
                      "Maddison 2023 or SDP 2020",
                      c, a.stateabb, lb, year));
      continue;
    }

    // NMC components, each from its own latest year.
    const std::pair<const char*, std::vector<double> data::NmcTable::*> comps[] = {
        {"milex", &data::NmcTable::milex}, {"milper", &data::NmcTable::milper},
        {"irst", &data::NmcTable::irst},   {"pec", &data::NmcTable::pec},
        {"tpop", &data::NmcTable::tpop},   {"upop", &data::NmcTable::upop}};
    double* targets[] = {&a.nmc.milex, &a.nmc.milper, &a.nmc.irst, &a.nmc.pec, &a.nmc.tpop, &a.nmc.upop};
    for (std::size_t k = 0; k < 6; ++k) {
      const auto& column = nmc.*(comps[k].second);
      auto at = [&](int yy) {
        const auto row = nmc.index.find(c, yy);
        return row ? column[*row] : std::nan("");
      };
      if (int y = latest_year(year, lb, at)) {
        *targets[k] = at(y);
        record(defaults, "actor", a.provenance, comps[k].first, {kNmc, y, false, ""});
      } else {
        a.provenance[comps[k].first] = Provenance{kNmc, 0, false, "missing"};
      }
    }

    auto sipri_at = [&](int yy) { return sipri.at(c, yy); };
    if (int y = latest_year(year, lb, sipri_at)) {
      a.military_expenditure = sipri_at(y);
      record(defaults, "actor", a.provenance, "military_expenditure", {kSipri, y, false, ""});
    } else {
      a.provenance["military_expenditure"] = Provenance{kSipri, 0, false, "missing"};
    }
    auto vdem_at = [&](int yy) { return vdem.polyarchy(c, yy); };
    if (int y = latest_year(year, lb, vdem_at)) {
      a.regime = vdem_at(y);
      record(defaults, "actor", a.provenance, "regime", {kVdem, y, false, ""});
    } else {
      a.provenance["regime"] = Provenance{kVdem, 0, false, "missing"};
    }
    a.great_power = majors.member(c, year);
    a.nuclear = nuclear.possesses(c, nuclear_year);
    if (const auto row = capitals.find(c, year)) {
      a.capital_lat = capitals.lat[*row];
      a.capital_lon = capitals.lng[*row];
    }
    s.actors.push_back(std::move(a));
  }

  // Day-resolution membership: two states that were members in `year` but never on the same day
  // (a predecessor and its successor, a state that left before another entered) never enter the
  // scenario together. An explicit list naming both is an error; a region or the world keeps the
  // state still a member later in the year (the successor) and leaves the other out. Decided
  // among the states that have the figures a scenario needs (a successor without GDP does not
  // push its predecessors out).
  {
    std::vector<int> actor_codes;
    for (const Actor& a : s.actors) actor_codes.push_back(a.ccode);
    const std::vector<data::MemberDays> days = states.member_days(year);
    auto last_day = [&](int c) {
      data::Date d{0, 0, 0};
      for (const auto& m : days) {
        if (m.ccode == c && d < m.last) d = m.last;
      }
      return d;
    };
    auto first_day = [&](int c) {
      data::Date d{100000, 0, 0};
      for (const auto& m : days) {
        if (m.ccode == c && m.first < d) d = m.first;
      }
      return d;
    };
    auto iso = [](const data::Date& d) { return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day); };
    std::vector<int> by_last = actor_codes;
    std::stable_sort(by_last.begin(), by_last.end(), [&](int a, int b) { return last_day(b) < last_day(a); });
    std::vector<int> kept;
    std::vector<Problem> problems;
    for (int c : by_last) {
      // Of the kept states it never met, name the one that entered first after it left (the
      // successor where there is one: 679 Yemen from 22 May 1990 for 678 and 680).
      auto clash = kept.end();
      for (auto k = kept.begin(); k != kept.end(); ++k) {
        if (!data::share_a_day(days, c, *k) && (clash == kept.end() || first_day(*k) < first_day(*clash))) clash = k;
      }
      if (clash == kept.end()) {
        kept.push_back(c);
        continue;
      }
      const std::string why = fmt::format(
          "{} {} (a member to {}) and {} {} (from {}) were never COW system members on the same day of {}", c,
          states.abbreviation(c, year), iso(last_day(c)), *clash, states.abbreviation(*clash, year),
          iso(first_day(*clash)), year);
      if (!o.states.empty()) {
        problems.push_back({Location{"--states", 0, 0, std::to_string(c)}, why + ": list only one of them"});
      } else {
        note.push_back(fmt::format("{} {} left out: {}; the scenario keeps the state that is a member later in "
                                   "the year (the successor, where there is one)",
                                   c, states.abbreviation(c, year), why));
      }
    }
    if (!problems.empty()) throw InputError(std::move(problems));
    std::erase_if(s.actors, [&](const Actor& a) { return std::find(kept.begin(), kept.end(), a.ccode) == kept.end(); });
  }

  if (s.actors.size() < 2) {
    throw InputError(Location{"--year", 0, 0, std::to_string(year)},
                     fmt::format("only {} state(s) of the selection have GDP and population in or "
                                 "before {}: a scenario needs at least two",
                                 s.actors.size(), year));
  }

  // --- dyads --------------------------------------------------------------------------------
  const data::AtopDyadYears atop = data::read_atop_dyad_years(dir / data::paths::kAtop51DyadYear);
  const data::DyadicTrade trade = data::read_dyadic_trade(dir / data::paths::kTradeDyadicAsiaPacific);
  const data::ContiguitySpells contiguity = data::read_contiguity(dir / data::paths::kContiguity32);
  const data::Rivalries rivalries = data::read_rivalries(dir / data::paths::kRivalries);
  const int atop_year = std::min(year, max_year(atop.year));
  const int contiguity_year = std::min(
      year,
      contiguity.end.empty() ? year : std::max_element(contiguity.end.begin(), contiguity.end.end())->year);
  const int rivalry_year = std::min(year, max_year(rivalries.endyear));
  const int trade_year = std::min(year, max_year(trade.year));
  // MID record (also the flashpoints' incident rates below): the last onset of each pair up to Y
  const data::MidDyadYears mids =
      data::read_mid_directed_dispute_years(dir / data::paths::kMidDirectedDisputeYears);
  const int mid_last = std::min(year, max_year(mids.year));
  std::map<std::pair<int, int>, int> last_onset;
  for (std::size_t i = 0; i < mids.size(); ++i) {
    if (mids.onset[i] != 1 || mids.year[i] > year) continue;
    const std::pair<int, int> key{std::min(mids.ccode1[i], mids.ccode2[i]), std::max(mids.ccode1[i], mids.ccode2[i])};
    int& l = last_onset[key];
    l = std::max(l, mids.year[i]);
  }
  std::map<int, int> entered;  // first year in the system (earliest spell)
  for (std::size_t i = 0; i < states.size(); ++i) {
    const auto it = entered.find(states.ccode[i]);
    if (it == entered.end() || states.start[i].year < it->second) entered[states.ccode[i]] = states.start[i].year;
  }
  const data::IgoDyads igo_dyads(data::read_igo_memberships(dir / data::paths::kIgoMemberships));
  const int igo_year = igo_dyads.year_used(year);

  // Coverage: past a dataset's last year its values are missing. They are carried forward only
  // with o.carry_forward, and then recorded as carried (note "carried forward from ...").
  auto carried = [&](std::string_view dataset, int last) -> std::string {
    if (year <= last) return "";
    if (!o.carry_forward) {
      data::require_within(dataset, last, year, year, Location{"--year", 0, 0, std::to_string(year)},
                           "the scenario year", "--carry-forward");
    }
    note.push_back(fmt::format("carried forward: {} of {} (its last year) used for {}", dataset, last, year));
    return carried_note(dataset, last, year);
  };
  defaults["dyad.alliance"] = Provenance{kAtop, atop_year, false, carried("ATOP 5.1", max_year(atop.year))};
  defaults["dyad.contiguity"] =
      Provenance{kContiguity, contiguity_year, false, carried("COW Direct Contiguity 3.2", contiguity_year)};
  defaults["dyad.rivalry"] = Provenance{kRivalries, rivalry_year, false,
                                        carried("Thompson & Dreyer strategic rivalries", rivalry_year)};
  defaults["dyad.peace_years"] =
      Provenance{kMid, mid_last, false,
                 mid_last < year ? fmt::format("years from the last MID onset to {}; MID 5.0 ends in {}: onsets after "
                                               "it are not known",
                                               year, mid_last)
                                 : ""};
  defaults["dyad.igo"] =
      Provenance{kIgo, igo_year, false,
                 "shared full memberships among the 23 listed IGOs of the extract (UN left out); "
                 "igo_security_shared: those with a security mandate (src/concord/data/igo_dyads.hpp)"};
  defaults["dyad.distance_km"] = Provenance{kCapitals, 0, false, ""};
  defaults["dyad.trade"] = Provenance{kTrade, trade_year, false, ""};
  defaults["dyad.trust"] = Provenance{kTrustPrior, 0, false, ""};

  // Gravity model fitted on the trade year's observed directed flows, GDP of that year
  // (Maddison, millions) and capital distance.
  std::unordered_map<int, std::pair<double, double>> capital_of;
  for (std::size_t i = 0; i < capitals.size(); ++i) {
    if (const auto row = capitals.find(capitals.ccode[i], trade_year)) {
      capital_of[capitals.ccode[i]] = {capitals.lat[*row], capitals.lng[*row]};
    }
  }
  auto gdp_in = [&](int c, int y) {
    const double v = maddison_at(c, y, true);
    return std::isfinite(v) ? v / 1e6 : sdp_at(c, y, true) / 1e6;
  };
  auto capital_km = [&](int a, int b) {
    const auto ia = capital_of.find(a);
    const auto ib = capital_of.find(b);
    if (ia == capital_of.end() || ib == capital_of.end()) return std::nan("");
    return measures::great_circle_km(ia->second.first, ia->second.second, ib->second.first,
                                     ib->second.second);
  };
  std::vector<double> gf, gi, ge, gd;
  for (std::size_t i = 0; i < trade.size(); ++i) {
    if (trade.year[i] != trade_year) continue;
    const int a = trade.ccode1[i];
    const int b = trade.ccode2[i];
    const double d = capital_km(a, b);
    gf.push_back(trade.flow1[i]);  // a's imports from b
    gi.push_back(gdp_in(a, trade_year));
    ge.push_back(gdp_in(b, trade_year));
    gd.push_back(d);
    gf.push_back(trade.flow2[i]);
    gi.push_back(gdp_in(b, trade_year));
    ge.push_back(gdp_in(a, trade_year));
    gd.push_back(d);
  }
  const GravityModel gravity = fit_gravity(gf, gi, ge, gd);
  s.meta.sources[kGravity] = Source{
      "Gravity estimate of dyadic trade (concord)", "1", "",
      fmt::format("imports_ij = exp({:.6g} + {:.6g} ln GDP_i + {:.6g} ln GDP_j + {:.6g} ln distance_ij); "
                  "Poisson pseudo-maximum likelihood (Santos Silva & Tenreyro 2006) on the {} directed "
                  "flows (zeros included) of COW Trade 4.0 (Asia-Pacific extract) in {}, GDP in millions "
                  "of 2011 int'l $ (Maddison 2023, else SDP), capital distance in km; pseudo R^2 = {:.4f}; "
                  "millions of current US$ of {}",
                  gravity.b0, gravity.b_gdp_importer, gravity.b_gdp_exporter, gravity.b_distance,
                  gravity.observations, trade_year, gravity.r_squared, trade_year)};

  const std::size_t n = s.actors.size();
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      const Actor& x = s.actors[i].ccode < s.actors[j].ccode ? s.actors[i] : s.actors[j];
      const Actor& z = s.actors[i].ccode < s.actors[j].ccode ? s.actors[j] : s.actors[i];
      Dyad d;
      d.a = x.ccode;
      d.b = z.ccode;
      d.alliance = std::max(atop.level_of(d.a, d.b, atop_year), atop.level_of(d.b, d.a, atop_year));
      d.contiguity = static_cast<Contiguity>(contiguity.conttype_in(d.a, d.b, contiguity_year));
      d.rivalry = rivalries.rivals(d.a, d.b, rivalry_year);
      if (const auto it = last_onset.find({d.a, d.b}); it != last_onset.end()) {
        d.peace_years = year - it->second;
      } else {
        const int since = std::max(entered.count(d.a) ? entered[d.a] : year, entered.count(d.b) ? entered[d.b] : year);
        d.peace_years = std::max(0, year - since);
      }
      std::tie(d.igo_shared, d.igo_security_shared) = igo_dyads.shared(d.a, d.b, year);
      d.distance_km = measures::great_circle_km(x.capital_lat, x.capital_lon, z.capital_lat, z.capital_lon);
      if (std::isnan(d.distance_km))
        d.provenance["distance_km"] = Provenance{kCapitals, 0, false, "no capital"};

      // Observed trade: the latest year <= trade_year (within the lookback of the build year)
      // with both flows present.
      auto both = [&](int yy) {
        const double f1 = trade.imports(d.a, d.b, yy);
        const double f2 = trade.imports(d.b, d.a, yy);
        return std::isfinite(f1) && std::isfinite(f2) ? f1 + f2 : std::nan("");
      };
      const int ty = latest_year(trade_year, std::max(0, lb - (year - trade_year)), both);
      if (ty != 0) {
        d.trade_ab = trade.imports(d.a, d.b, ty);
        d.trade_ba = trade.imports(d.b, d.a, ty);
        record(defaults, "dyad", d.provenance, "trade", {kTrade, ty, false, ""});
      } else {
        const double ga = gdp_in(d.a, trade_year);
        const double gb = gdp_in(d.b, trade_year);
        if (std::isfinite(ga) && std::isfinite(gb) && d.distance_km > 0.0) {
          d.trade_ab = gravity.predict(ga, gb, d.distance_km);
          d.trade_ba = gravity.predict(gb, ga, d.distance_km);
          d.trade_estimated = true;
          d.provenance["trade"] = Provenance{kGravity, trade_year, true, ""};
        } else {
          d.provenance["trade"] = Provenance{kGravity, 0, false, "missing: no GDP or distance"};
        }
      }
      const double tau = 0.5 + 0.25 * d.alliance / 3.0 - (d.rivalry ? 0.3 : 0.0);
      d.trust = std::clamp(tau, 0.05, 0.95);
      s.dyads.push_back(std::move(d));
    }
  }

  // --- institutions -------------------------------------------------------------------------
  const data::InstitutionMemberships members =
      data::read_institution_memberships(dir / data::paths::kAsiaPacificInstitutions);
  const auto templates = load_institution_catalog(catalog / "institutions.toml");
  std::vector<std::string> names;
  for (const std::string& name : members.institution) {
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  defaults["institution.members"] = Provenance{kInstitutions, year, false, ""};
  for (const char* f : {"decision_rule", "mandate", "capacity"}) {
    defaults[std::string("institution.") + f] = Provenance{kInstitutionCatalog, 0, false, ""};
  }
  auto apply_template = [&](Institution& in) {
    if (const auto it = templates.find(in.name); it != templates.end()) {
      in.decision_rule = it->second.decision_rule;
      in.veto_threshold = it->second.veto_threshold;
      in.mandate = it->second.mandate;
      in.capacity = it->second.capacity;
    } else {
      in.mandate.add(Mandate::dialogue);
      for (const char* f : {"decision_rule", "mandate", "capacity"}) {
        in.provenance[f] = Provenance{kInstitutionCatalog, 0, false, "not in the catalogue: default"};
      }
      note.push_back(fmt::format("{}: not in institutions.toml; consensus, dialogue, capacity 0.5", in.name));
    }
  };
  for (const std::string& name : names) {
    if (const auto it = templates.find(name); it != templates.end() && !it->second.cow_igo.empty()) {
      continue;  // the catalogue takes this institution's members from COW IGO (below)
    }
    Institution in;
    in.name = name;
    std::vector<int> left_out;
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (members.institution[i] != name || members.ccode[i] == 0 || members.joined[i] > year) continue;
      if (s.actor_index(members.ccode[i]) < 0) {
        left_out.push_back(members.ccode[i]);
        continue;
      }
      in.members.push_back({members.ccode[i], members.joined[i]});
    }
    if (in.members.empty()) continue;
    if (!left_out.empty()) {
      note.push_back(fmt::format("{}: members {} are not actors of the scenario and are left out", name,
                                 fmt::join(left_out, ", ")));
    }
    apply_template(in);
    s.institutions.push_back(std::move(in));
  }

  // Institutions of the catalogue whose members come from COW IGO 3.0 (CICA): the full members
  // (status 1) in the latest year of the IGO data <= Y, at most max_lookback years back (the data
  // end in 2014, so later builds carry the 2014 membership forward); joined = first year of the
  // member's unbroken full membership up to that year. Accessions after that year come from the
  // catalogue's later_members (each with its source) when they joined <= Y.
  bool igo_read = false;
  data::IgoMemberships igo;
  for (const auto& [name, tpl] : templates) {
    if (tpl.cow_igo.empty()) continue;
    if (!igo_read) {
      igo = data::read_igo_memberships(dir / data::paths::kIgoMemberships);
      igo_read = true;
    }
    std::set<int> observed;  // the years the IGO data cover (5-yearly before 1965)
    std::set<std::pair<int, int>> full;  // (ccode, year) full members of this IGO
    for (std::size_t i = 0; i < igo.size(); ++i) {
      observed.insert(igo.year[i]);
      if (igo.ioname[i] == tpl.cow_igo && igo.status[i] == 1) full.insert({igo.ccode[i], igo.year[i]});
    }
    const auto after = observed.upper_bound(year);
    if (after == observed.begin() || year - *std::prev(after) > lb) {
      note.push_back(fmt::format("{}: COW IGO 3.0 has no year within {} years of {}; left out", name, lb, year));
      continue;
    }
    const int used = *std::prev(after);
    if (used < year && !o.carry_forward) {
      data::require_within("COW IGO 3.0", used, year, year, Location{"--year", 0, 0, std::to_string(year)},
                           fmt::format("the scenario year (institution {})", name), "--carry-forward");
    }
    Institution in;
    in.name = name;
    std::vector<int> left_out;
    auto add = [&](int c, int joined) {
      if (s.actor_index(c) < 0) {
        left_out.push_back(c);
      } else {
        in.members.push_back({c, joined});
      }
    };
    for (int c : igo.members(tpl.cow_igo, used)) {
      int joined = used;
      for (auto y = observed.find(used); y != observed.begin();) {
        --y;
        if (full.count({c, *y}) == 0) break;
        joined = *y;
      }
      add(c, joined);
    }
    std::vector<std::string> later;
    for (const LaterMember& m : tpl.later_members) {
      if (m.joined <= used || m.joined > year) continue;
      add(m.ccode, m.joined);
      later.push_back(fmt::format("{} in {}", m.ccode, m.joined));
    }
    if (in.members.empty()) continue;
    std::sort(in.members.begin(), in.members.end(),
              [](const Membership& a, const Membership& b) { return a.ccode < b.ccode; });
    if (!left_out.empty()) {
      note.push_back(fmt::format("{}: members {} are not actors of the scenario and are left out", name,
                                 fmt::join(left_out, ", ")));
    }
    std::string how;
    if (used < year) {
      how = carried_note("COW IGO 3.0", used, year) + ": full members";
      note.push_back(fmt::format("carried forward: {} members in COW IGO 3.0 of {} (its last year) used for {}",
                                 name, used, year));
      if (!later.empty()) {
        how += fmt::format("; joined since, with sources in data/institutions.toml: {}", fmt::join(later, ", "));
      }
    }
    in.provenance["members"] = Provenance{kIgo, used, false, how};
    apply_template(in);
    s.institutions.push_back(std::move(in));
  }

  // --- flashpoints --------------------------------------------------------------------------
  const int window_end = std::min(year, max_year(mids.year));
  const int window_start = window_end - o.incident_window_years + 1;
  for (Flashpoint f : load_flashpoint_catalog(catalog / o.flashpoint_catalog)) {
    std::erase_if(f.parties, [&](const FlashpointParty& p) { return s.actor_index(p.ccode) < 0; });
    std::erase_if(f.stakeholders, [&](const Stakeholder& h) { return s.actor_index(h.ccode) < 0; });
    if (f.parties.size() < 2) {
      note.push_back(fmt::format("flashpoint '{}' left out: fewer than two parties are actors", f.name));
      continue;
    }
    std::set<int> parties;
    for (const FlashpointParty& p : f.parties) parties.insert(p.ccode);
    std::set<int> disputes;
    for (std::size_t i = 0; i < mids.size(); ++i) {
      if (mids.onset[i] != 1 || mids.year[i] < window_start || mids.year[i] > window_end) continue;
      if (parties.count(mids.ccode1[i]) == 0 || parties.count(mids.ccode2[i]) == 0) continue;
      if (mids.sidea1[i] == mids.sidea2[i]) continue;
      disputes.insert(mids.dispnum[i]);
    }
    const int years = window_end - window_start + 1;
    const RateInterval ri = poisson_rate_interval(static_cast<int>(disputes.size()), years);
    f.incident_rate = ri.rate;
    f.fit = IncidentRateFit{window_start,
                            window_end,
                            static_cast<int>(disputes.size()),
                            ri.lower,
                            ri.upper,
                            "distinct MIDs with an onset in the window between two parties on opposite "
                            "sides (COW MID 5.0 directed dispute-dyad-years); rate = onsets / years; "
                            "exact Poisson 95% interval"};
    f.where = Location{};
    s.flashpoints.push_back(std::move(f));
  }
  return s;
}

}  // namespace concord
