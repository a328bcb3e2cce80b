#include "concord/validate/dyad_years.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <unordered_map>

#include "concord/common/error.hpp"
#include "concord/data/alliances.hpp"
#include "concord/data/conflict.hpp"
#include "concord/data/coverage.hpp"
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

namespace concord::validate {

struct DyadYearSources {
  data::StateSpells states;
  data::StateSpells majors;
  data::NmcTable nmc;
  data::AtopDyadYears atop;
  data::ContiguitySpells contiguity;
  data::Capitals capitals;
  data::DemocracyTable democracy;
  data::DyadicTrade trade;
  data::StateEconomy economy;
  data::MidDyadYears mids;
  data::WarDyadYears wars;
  data::Rivalries rivalries;
  data::NuclearStatus nuclear;
  data::IgoDyads igo;
};

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::uint64_t pair_key(int a, int b) {
  const auto lo = static_cast<std::uint64_t>(static_cast<std::uint32_t>(std::min(a, b)));
  const auto hi = static_cast<std::uint64_t>(static_cast<std::uint32_t>(std::max(a, b)));
  return (lo << 32) | hi;
}

std::uint64_t pair_year_key(int a, int b, int year) {
  return data::dyad_year_key(std::min(a, b), std::max(a, b), year);
}

double cinc_of(const data::NmcTable& nmc, int ccode, int year) {
  const auto row = nmc.index.find(ccode, year);
  return row ? nmc.cinc[*row] : kNaN;
}

// r = cinc_a / (cinc_a + cinc_b), NaN if either is missing or both are 0.
double share_of(const data::NmcTable& nmc, int a, int b, int year) {
  const double ca = cinc_of(nmc, a, year);
  const double cb = cinc_of(nmc, b, year);
  if (std::isnan(ca) || std::isnan(cb) || ca + cb <= 0.0) return kNaN;
  return ca / (ca + cb);
}

// Either direction of the ATOP file carries a defense pledge; NaN (missing) after ATOP's last year.
double defense_pledge(const data::AtopDyadYears& atop, int a, int b, int year) {
  if (year > atop.last_year) return kNaN;
  for (const auto row : {atop.index.find(a, b, year), atop.index.find(b, a, year)}) {
    if (row && atop.defense[*row] != 0) return 1.0;
  }
  return 0.0;
}

// Dyadic trade (imports both ways, US$ m current) over GDP (2011 $ PPP) of each; the minimum.
double trade_dependence(const DyadYearSources& s, int a, int b, int year) {
  const double ab = s.trade.imports(a, b, year);
  const double ba = s.trade.imports(b, a, year);
  if (std::isnan(ab) || std::isnan(ba)) return kNaN;
  const double trade_usd = (ab + ba) * 1e6;
  double lowest = kNaN;
  for (const int c : {a, b}) {
    const auto row = s.economy.index.find(c, year);
    if (!row) return kNaN;
    const double gdp = s.economy.gdp[*row];
    if (!(gdp > 0.0)) return kNaN;
    const double dep = trade_usd / gdp;
    lowest = std::isnan(lowest) ? dep : std::min(lowest, dep);
  }
  return lowest;
}

double log_capital_distance(const data::Capitals& capitals, int a, int b, int year) {
  const auto ra = capitals.find(a, year);
  const auto rb = capitals.find(b, year);
  if (!ra || !rb) return kNaN;
  const double km =
      measures::great_circle_km(capitals.lat[*ra], capitals.lng[*ra], capitals.lat[*rb], capitals.lng[*rb]);
  return std::log1p(km);
}

}  // namespace

std::string_view region_name(Region region) {
  switch (region) {
    case Region::asia: return "asia";
    case Region::europe: return "europe";
    case Region::world: return "world";
  }
  return "world";
}

Region parse_region(std::string_view text) {
  if (text == "asia" || text == "asia-pacific") return Region::asia;
  if (text == "europe") return Region::europe;
  if (text == "world") return Region::world;
  throw std::invalid_argument(fmt::format("unknown region '{}' (expected asia, europe or world)", text));
}

bool in_region(Region region, int ccode) {
  switch (region) {
    case Region::asia:
      return std::find(kAsiaPacificCcodes.begin(), kAsiaPacificCcodes.end(), ccode) != kAsiaPacificCcodes.end();
    case Region::europe:
      return std::find(kEuropeCcodes.begin(), kEuropeCcodes.end(), ccode) != kEuropeCcodes.end();
    case Region::world: return true;
  }
  return true;
}

int peace_years(std::span<const int> sorted_dispute_years, int entry_year, int year) {
  const auto it = std::lower_bound(sorted_dispute_years.begin(), sorted_dispute_years.end(), year);
  const int since = it == sorted_dispute_years.begin() ? entry_year : *std::prev(it);
  return std::max(0, year - since);
}

const std::vector<double>& DyadYearTable::covariate(std::string_view name) const {
  if (name == "contiguity") return contiguity;
  if (name == "log_distance") return log_distance;
  if (name == "parity") return parity;
  if (name == "power_shift") return power_shift;
  if (name == "alliance") return alliance;
  if (name == "joint_democracy") return joint_democracy;
  if (name == "trade_dependence") return trade_dependence;
  if (name == "major_power") return major_power;
  if (name == "peace_years") return peace_years;
  if (name == "rivalry") return rivalry;
  if (name == "nuclear_both") return nuclear_both;
  if (name == "nuclear_one") return nuclear_one;
  if (name == "igo_shared") return igo_shared;
  if (name == "igo_security_shared") return igo_security_shared;
  throw std::out_of_range(fmt::format("no dyad-year covariate named '{}'", name));
}

std::shared_ptr<const DyadYearSources> read_dyad_year_sources(const std::filesystem::path& dir) {
  auto s = std::make_shared<DyadYearSources>();
  s->states = data::read_state_list(dir / data::paths::kStateList2024);
  s->majors = data::read_major_powers(dir / data::paths::kMajors2024);
  s->nmc = data::read_nmc(dir / data::paths::kNmcV7, data::NmcVersion::v7);
  s->atop = data::read_atop_dyad_years(dir / data::paths::kAtop51DyadYear);
  s->contiguity = data::read_contiguity(dir / data::paths::kContiguity32);
  s->capitals = data::read_capitals(dir / data::paths::kCapitals);
  s->democracy =
      data::read_democracy(dir / data::paths::kDemocracyPeacesciencer, data::DemocracySource::peacesciencer);
  s->trade = data::read_dyadic_trade(dir / data::paths::kTradeDyadicAsiaPacific);
  s->economy = data::maddison_state_years(data::read_maddison(dir / data::paths::kMaddison2023Data));
  s->mids = data::read_mid_dyad_years(dir / data::paths::kMidDyadYears);
  s->wars = data::read_war_dyad_years(dir / data::paths::kInterStateWarDyadYears);
  s->rivalries = data::read_rivalries(dir / data::paths::kRivalries);
  s->nuclear = data::read_nuclear_status(dir / data::paths::kNuclearStatus);
  s->igo = data::IgoDyads(data::read_igo_memberships(dir / data::paths::kIgoMemberships));
  return s;
}

DyadYearTable build_dyad_years(const DyadYearSources& s, Region region, int first_year, int last_year) {
  if (last_year < first_year) {
    throw std::invalid_argument(
        fmt::format("dyad years: last year {} before first year {}", last_year, first_year));
  }
  // MID onset is the outcome of every fit on this table: a window past MID's last year would
  // score years without data as years without disputes.
  data::require_within(data::kMid50.dataset, s.mids.last_year, first_year, last_year,
                       Location{data::paths::kMidDyadYears, 0, 0, ""}, "the dyad-year window");
  // MID record: years with a dispute onset per pair (all years, for peace-years), and the
  // onset / continuation / war flags per pair-year.
  std::unordered_map<std::uint64_t, std::vector<int>> dispute_years;
  struct MidFlags {
    bool onset = false, ongoing = false, war = false;
  };
  std::unordered_map<std::uint64_t, MidFlags> mid_flags;
  for (std::size_t i = 0; i < s.mids.size(); ++i) {
    const int a = s.mids.ccode1[i];
    const int b = s.mids.ccode2[i];
    const int y = s.mids.year[i];
    if (s.mids.onset[i] != 0) dispute_years[pair_key(a, b)].push_back(y);
    if (y < first_year || y > last_year) continue;
    auto& f = mid_flags[pair_year_key(a, b, y)];
    f.ongoing = f.ongoing || s.mids.ongoing[i] != 0;
    if (s.mids.onset[i] != 0) {
      f.onset = true;
      f.war = f.war || (s.mids.hostlev1[i] == 5 && s.mids.hostlev2[i] == 5);
    }
  }
  for (auto& [key, years] : dispute_years) {
    std::sort(years.begin(), years.end());
    years.erase(std::unique(years.begin(), years.end()), years.end());
  }
  std::unordered_map<std::uint64_t, bool> war_onsets;
  for (std::size_t i = 0; i < s.wars.size(); ++i) {
    if (s.wars.onset[i] != 0)
      war_onsets[pair_year_key(s.wars.ccode1[i], s.wars.ccode2[i], s.wars.year[i])] = true;
  }
  // First year in the system of each state (its earliest spell).
  std::unordered_map<int, int> entry;
  for (std::size_t i = 0; i < s.states.size(); ++i) {
    const int c = s.states.ccode[i];
    const int y = s.states.start[i].year;
    const auto it = entry.find(c);
    if (it == entry.end() || y < it->second) entry[c] = y;
  }

  int rivalry_last = 0;
  for (const int e : s.rivalries.endyear) rivalry_last = std::max(rivalry_last, e);

  DyadYearTable t;
  t.region = region;
  t.first_year = first_year;
  t.last_year = last_year;
  t.mid_last_year = s.mids.last_year;
  t.war_last_year = s.wars.last_year;
  const std::vector<int> no_disputes;
  for (int y = first_year; y <= last_year; ++y) {
    std::vector<int> members = s.states.members(y);
    std::erase_if(members, [&](int c) { return !in_region(region, c); });
    std::vector<double> cinc(members.size()), polyarchy(members.size()), major(members.size());
    std::vector<int> nuclear(members.size());
    const int rivalry_year = std::min(y, rivalry_last);
    for (std::size_t i = 0; i < members.size(); ++i) {
      cinc[i] = cinc_of(s.nmc, members[i], y);
      polyarchy[i] = s.democracy.polyarchy(members[i], y);
      major[i] = y > s.majors.last_year ? kNaN : s.majors.member(members[i], y) ? 1.0 : 0.0;
      nuclear[i] = s.nuclear.possesses(members[i], y) ? 1 : 0;
    }
    const std::vector<data::MemberDays> days = s.states.member_days(y);
    for (std::size_t i = 0; i < members.size(); ++i) {
      for (std::size_t j = i + 1; j < members.size(); ++j) {
        const int a = members[i];
        const int b = members[j];
        if (!data::share_a_day(days, a, b)) continue;  // members in y, never on the same day
        t.ccode_a.push_back(a);
        t.ccode_b.push_back(b);
        t.year.push_back(y);
        const int ct = s.contiguity.conttype_in(a, b, y);
        t.contiguity.push_back(ct < 0 ? kNaN : ct >= 1 && ct <= 5 ? 1.0 : 0.0);
        t.log_distance.push_back(log_capital_distance(s.capitals, a, b, y));
        const double ca = cinc[i];
        const double cb = cinc[j];
        t.parity.push_back(std::isnan(ca) || std::isnan(cb) || std::max(ca, cb) <= 0.0 ||
                                   std::min(ca, cb) <= 0.0
                               ? kNaN
                               : std::log(std::min(ca, cb) / std::max(ca, cb)));
        t.power_shift.push_back(std::abs(share_of(s.nmc, a, b, y) - share_of(s.nmc, a, b, y - 1)));
        t.alliance.push_back(defense_pledge(s.atop, a, b, y));
        t.joint_democracy.push_back(std::isnan(polyarchy[i]) || std::isnan(polyarchy[j])
                                        ? kNaN
                                        : std::min(polyarchy[i], polyarchy[j]));
        t.trade_dependence.push_back(trade_dependence(s, a, b, y));
        t.major_power.push_back(std::max(major[i], major[j]));
        const auto dy = dispute_years.find(pair_key(a, b));
        const std::span<const int> history =
            dy == dispute_years.end() ? std::span<const int>(no_disputes) : std::span<const int>(dy->second);
        const int entered = std::max(entry.count(a) ? entry[a] : y, entry.count(b) ? entry[b] : y);
        t.peace_years.push_back(static_cast<double>(peace_years(history, entered, y)));
        t.rivalry.push_back(s.rivalries.rivals(a, b, rivalry_year) ? 1.0 : 0.0);
        t.nuclear_both.push_back(nuclear[i] + nuclear[j] == 2 ? 1.0 : 0.0);
        t.nuclear_one.push_back(nuclear[i] + nuclear[j] == 1 ? 1.0 : 0.0);
        const auto [igo, igo_security] = s.igo.shared(a, b, y);
        t.igo_shared.push_back(static_cast<double>(igo));
        t.igo_security_shared.push_back(static_cast<double>(igo_security));
        const auto f = mid_flags.find(pair_year_key(a, b, y));
        const MidFlags flags = f == mid_flags.end() ? MidFlags{} : f->second;
        t.mid_onset.push_back(flags.onset ? 1 : 0);
        t.mid_continuing.push_back(flags.ongoing && !flags.onset ? 1 : 0);
        t.mid_war.push_back(flags.war ? 1 : 0);
        t.war_onset.push_back(war_onsets.count(pair_year_key(a, b, y)) ? 1 : 0);
      }
    }
  }
  return t;
}

}  // namespace concord::validate
