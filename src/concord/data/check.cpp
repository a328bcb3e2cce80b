#include "concord/data/check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "concord/common/error.hpp"
#include "concord/data/alliances.hpp"
#include "concord/data/conflict.hpp"
#include "concord/data/democracy.hpp"
#include "concord/data/economy.hpp"
#include "concord/data/geography.hpp"
#include "concord/data/institutions.hpp"
#include "concord/data/nmc.hpp"
#include "concord/data/paths.hpp"
#include "concord/data/state_system.hpp"
#include "concord/data/trade.hpp"

namespace concord::data {

namespace {

std::size_t total_missing(const ReadReport& r) {
  std::size_t n = 0;
  for (const auto& m : r.missing) n += m.count;
  return n;
}

// Fills a DatasetCheck from a table's report and its coverage.
template <class Table>
void fill(DatasetCheck& c, const Table& t, Coverage cov) {
  c.ok = true;
  c.rows = t.report.rows_kept;
  c.coverage = cov;
  c.missing = total_missing(t.report);
  c.skipped = t.report.rows_skipped();
  for (const auto& s : t.report.skipped) {
    c.problems.push_back(
        fmt::format("{} row(s) skipped: {} (first on line {})", s.count, s.reason, s.first_line));
  }
  for (const auto& n : t.report.notes) c.problems.push_back(n);
}

Coverage dyad_coverage(const std::vector<int>& c1, const std::vector<int>& c2, const std::vector<int>& year) {
  std::vector<int> both(c1);
  both.insert(both.end(), c2.begin(), c2.end());
  std::vector<int> years(year);
  years.insert(years.end(), year.begin(), year.end());
  return coverage(both, years);
}

std::vector<int> years_of(const std::vector<Date>& a, const std::vector<Date>& b) {
  std::vector<int> y;
  for (const auto& d : a) y.push_back(d.year);
  for (const auto& d : b) y.push_back(d.year);
  return y;
}

}  // namespace

const std::vector<DatasetExpectation>& dataset_expectations() {
  // rows and years as read from the versions in ../shared/data (docs/data.md, "Expected sizes")
  static const std::vector<DatasetExpectation> e{
      {paths::kStateList2024, 232, 488, 1816, 2024},
      {paths::kMajors2024, 13, 28, 1816, 2024},
      {paths::kStates2016, 231, 486, 1816, 2016},
      {paths::kSystem2016, 15153, 31902, 1816, 2016},
      {paths::kMajors2016, 13, 28, 1816, 2016},
      {paths::kNmcV6, 15153, 31902, 1816, 2016},
      {paths::kNmcV7, 16265, 34242, 1816, 2022},
      {paths::kSipriConstant2022, 12397, 26100, 1949, 2023},
      {paths::kMaddison2023Data, 22116, 46560, 1820, 2022},
      {paths::kDemocracyPeacesciencer, 15894, 33462, 1816, 2020},
      {paths::kDemocracyIsard, 16820, 35412, 1816, 2025},
      {paths::kAtop51DyadYear, 259631, 546592, 1816, 2018},
      {paths::kContiguity32, 1780, 3748, 1816, 2016},
      {paths::kCapitals, 229, 484, 1816, 2024},
      {paths::kMinDistAsiaPacific, 33027, 69532, 1886, 2019},
      {paths::kTradeNational40, 13689, 28820, 1870, 2014},
      {paths::kTradeDyadicAsiaPacific, 25047, 52732, 1870, 2014},
      {paths::kIgoStateYear, 14779, 31114, 1816, 2014},
      {paths::kIgoMemberships, 20566, 43298, 1945, 2014},
      {paths::kAsiaPacificInstitutions, 106, 224, 1967, 2025},
      {paths::kMidA50, 2314, 4872, 1816, 2014},
      {paths::kMidB50, 5588, 11766, 1816, 2014},
      {paths::kMidDyadYears, 9722, 20468, 1816, 2014},
      {paths::kMidDirectedDisputeYears, 10820, 22780, 1816, 2014},
      {paths::kInterStateWar40, 320, 674, 1823, 2003},
      {paths::kInterStateWarDyadYears, 1835, 3864, 1823, 2003},
      {paths::kDirectedDyadicWar, 1295, 2728, 1823, 2003},
      {paths::kRivalries, 187, 394, 1494, 2010},
      {paths::kNuclearStatus, 15831, 33330, 1938, 2022},
  };
  return e;
}

void expect_dataset(const std::filesystem::path& file, std::size_t rows, const Coverage& cov) {
  const std::string path = file.generic_string();
  for (const auto& e : dataset_expectations()) {
    const std::string rel(e.file);
    if (path.size() < rel.size() || path.compare(path.size() - rel.size(), rel.size(), rel) != 0) continue;
    std::vector<Problem> problems;
    const Location where{file.string(), 0, 0, ""};
    const char* fix = "the file looks truncated or replaced: restore it as its PROVENANCE.md says";
    if (rows < e.min_rows || rows > e.max_rows) {
      problems.push_back({where, fmt::format("{} rows; this dataset has {} to {} ({}{})", rows, e.min_rows, e.max_rows,
                                             rows < e.min_rows ? fix : "a different dataset?",
                                             rows == 0 ? "; the file holds a header only" : "")});
    }
    if (rows > 0 && (cov.first_year > e.first_year || cov.last_year < e.last_year)) {
      problems.push_back({where, fmt::format("years {}-{}; this dataset covers at least {}-{} ({})", cov.first_year,
                                             cov.last_year, e.first_year, e.last_year, fix)});
    }
    if (!problems.empty()) throw InputError(std::move(problems));
    return;
  }
}

void require_datasets(const std::filesystem::path& dir, const std::vector<std::string>& files) {
  std::vector<Problem> problems;
  for (const auto& c : check_all(dir, files)) {
    if (c.ok) continue;
    const std::string what = c.problems.empty() ? std::string("unusable") : c.problems.front();
    problems.push_back({Location{(dir / c.file).string(), 0, 0, ""},
                        fmt::format("dataset {} cannot be used: {}", c.name, what)});
  }
  if (!problems.empty()) throw InputError(std::move(problems));
}

std::vector<DatasetCheck> check_all(const std::filesystem::path& dir, const std::vector<std::string>& only) {
  std::vector<DatasetCheck> out;
  auto run = [&](const char* name, const char* rel,
                 const std::function<void(DatasetCheck&, const std::filesystem::path&)>& load) {
    if (!only.empty() && std::find(only.begin(), only.end(), rel) == only.end()) return;
    DatasetCheck c;
    c.name = name;
    c.file = rel;
    const std::filesystem::path p = dir / rel;
    try {
      if (!std::filesystem::exists(p)) {
        c.problems.push_back("file not found: " + p.string());
      } else {
        load(c, p);
        expect_dataset(p, c.rows, c.coverage);
      }
    } catch (const InputError& e) {
      c.ok = false;
      c.problems.insert(c.problems.begin(), e.what());
    } catch (const std::exception& e) {
      c.ok = false;
      c.problems.insert(c.problems.begin(), std::string("error: ") + e.what());
    }
    out.push_back(std::move(c));
  };
  auto spells = [](DatasetCheck& c, const StateSpells& t) {
    std::vector<int> cc(t.ccode);
    cc.insert(cc.end(), t.ccode.begin(), t.ccode.end());
    fill(c, t, coverage(cc, years_of(t.start, t.end)));
  };
  run("statelist2024", paths::kStateList2024, [&](auto& c, auto& p) { spells(c, read_state_list(p)); });
  run("majors2024", paths::kMajors2024, [&](auto& c, auto& p) { spells(c, read_major_powers(p)); });
  run("states2016", paths::kStates2016, [&](auto& c, auto& p) { spells(c, read_state_list(p)); });
  run("system2016", paths::kSystem2016, [](auto& c, auto& p) {
    auto t = read_system_years(p);
    fill(c, t, coverage(t.ccode, t.year));
  });
  run("majors2016", paths::kMajors2016, [&](auto& c, auto& p) { spells(c, read_major_powers(p)); });
  for (NmcVersion v : {NmcVersion::v6, NmcVersion::v7}) {
    run(v == NmcVersion::v6 ? "nmc_v6" : "nmc_v7", v == NmcVersion::v6 ? paths::kNmcV6 : paths::kNmcV7,
        [v](auto& c, auto& p) {
          auto t = read_nmc(p, v);
          fill(c, t, coverage(t.ccode, t.year));
        });
  }
  run("sipri_milex_constant2022", paths::kSipriConstant2022, [](auto& c, auto& p) {
    auto raw = read_sipri_milex(p);
    auto t = sipri_state_years(raw);
    fill(c, t, coverage(t.ccode, t.year));
    c.rows = raw.size();
    c.problems.insert(c.problems.begin(),
                      fmt::format("{} country-years mapped to COW state-years with a value", t.size()));
  });
  run("maddison_2023", paths::kMaddison2023Data, [](auto& c, auto& p) {
    auto raw = read_maddison(p);
    auto t = maddison_state_years(raw);
    fill(c, t, coverage(t.ccode, t.year));
    c.rows = raw.size();
    c.problems.insert(c.problems.begin(), fmt::format("{} ISO-years mapped to COW state-years", t.size()));
  });
  run("democracy_peacesciencer", paths::kDemocracyPeacesciencer, [](auto& c, auto& p) {
    auto t = read_democracy(p, DemocracySource::peacesciencer);
    fill(c, t, coverage(t.ccode, t.year));
  });
  run("democracy_isard", paths::kDemocracyIsard, [](auto& c, auto& p) {
    auto t = read_democracy(p, DemocracySource::isard);
    fill(c, t, coverage(t.ccode, t.year));
  });
  run("atop_5.1_dyad_years", paths::kAtop51DyadYear, [](auto& c, auto& p) {
    auto t = read_atop_dyad_years(p);
    fill(c, t, dyad_coverage(t.ccode1, t.ccode2, t.year));
  });
  run("contiguity_3.2", paths::kContiguity32, [](auto& c, auto& p) {
    auto t = read_contiguity(p);
    std::vector<int> cc(t.ccode1);
    cc.insert(cc.end(), t.ccode2.begin(), t.ccode2.end());
    fill(c, t, coverage(cc, years_of(t.start, t.end)));
  });
  run("capitals", paths::kCapitals, [](auto& c, auto& p) {
    auto t = read_capitals(p);
    std::vector<int> cc(t.ccode);
    cc.insert(cc.end(), t.ccode.begin(), t.ccode.end());
    fill(c, t, coverage(cc, years_of(t.start, t.end)));
  });
  run("mindist_cshapes_asiapac", paths::kMinDistAsiaPacific, [](auto& c, auto& p) {
    auto t = read_min_distance(p);
    fill(c, t, dyad_coverage(t.ccode1, t.ccode2, t.year));
  });
  run("trade_national_4.0", paths::kTradeNational40, [](auto& c, auto& p) {
    auto t = read_national_trade(p);
    fill(c, t, coverage(t.ccode, t.year));
  });
  run("trade_dyadic_asiapac", paths::kTradeDyadicAsiaPacific, [](auto& c, auto& p) {
    auto t = read_dyadic_trade(p);
    fill(c, t, dyad_coverage(t.ccode1, t.ccode2, t.year));
  });
  run("igo_state_year", paths::kIgoStateYear, [](auto& c, auto& p) {
    auto t = read_igo_state_year_counts(p);
    fill(c, t, coverage(t.ccode, t.year));
  });
  run("igo_memberships", paths::kIgoMemberships, [](auto& c, auto& p) {
    auto t = read_igo_memberships(p);
    fill(c, t, coverage(t.ccode, t.year));
  });
  run("asia_pacific_institutions", paths::kAsiaPacificInstitutions, [](auto& c, auto& p) {
    auto t = read_institution_memberships(p);
    std::vector<int> states;
    std::vector<int> years;
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t.ccode[i] != 0) {
        states.push_back(t.ccode[i]);
        years.push_back(t.joined[i]);
      }
    }
    fill(c, t, coverage(states, years));
  });
  run("mid_5.0_a", paths::kMidA50, [](auto& c, auto& p) {
    auto t = read_mid_disputes(p);
    std::vector<int> none;
    fill(c, t, coverage(none, years_of(t.start, t.end)));
  });
  run("mid_5.0_b", paths::kMidB50, [](auto& c, auto& p) {
    auto t = read_mid_participants(p);
    std::vector<int> cc(t.ccode);
    cc.insert(cc.end(), t.ccode.begin(), t.ccode.end());
    fill(c, t, coverage(cc, years_of(t.start, t.end)));
  });
  run("mid_dyad_years", paths::kMidDyadYears, [](auto& c, auto& p) {
    auto t = read_mid_dyad_years(p);
    fill(c, t, dyad_coverage(t.ccode1, t.ccode2, t.year));
  });
  run("mid_dispute_dyad_years", paths::kMidDirectedDisputeYears, [](auto& c, auto& p) {
    auto t = read_mid_directed_dispute_years(p);
    fill(c, t, dyad_coverage(t.ccode1, t.ccode2, t.year));
  });
  run("inter_state_war_4.0", paths::kInterStateWar40, [](auto& c, auto& p) {
    auto t = read_inter_state_wars(p);
    std::vector<int> y;
    for (const auto& d : t.start1) y.push_back(d.year);
    fill(c, t, coverage(t.ccode, y));
  });
  run("war_dyad_years", paths::kInterStateWarDyadYears, [](auto& c, auto& p) {
    auto t = read_war_dyad_years(p);
    fill(c, t, dyad_coverage(t.ccode1, t.ccode2, t.year));
  });
  run("directed_dyadic_war", paths::kDirectedDyadicWar, [](auto& c, auto& p) {
    auto t = read_directed_dyadic_war(p);
    fill(c, t, dyad_coverage(t.statea, t.stateb, t.year));
  });
  run("td_rivalries", paths::kRivalries, [](auto& c, auto& p) {
    auto t = read_rivalries(p);
    std::vector<int> cc(t.ccode1);
    cc.insert(cc.end(), t.ccode2.begin(), t.ccode2.end());
    std::vector<int> y(t.styear);
    y.insert(y.end(), t.endyear.begin(), t.endyear.end());
    fill(c, t, coverage(cc, y));
  });
  run("nuclear_status", paths::kNuclearStatus, [](auto& c, auto& p) {
    auto t = read_nuclear_status(p);
    fill(c, t, coverage(t.ccode, t.year));
  });
  return out;
}

}  // namespace concord::data
