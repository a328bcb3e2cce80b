#include "concord/data/geography.hpp"

#include <algorithm>
#include <cmath>

#include "concord/data/csv.hpp"

namespace concord::data {

ContiguitySpells read_contiguity(const std::filesystem::path& file) {
  CsvFile<5> csv(file, "COW Direct Contiguity 3.2 (peacesciencer)",
                 {"ccode1", "ccode2", "conttype", "stdate", "enddate"});
  ContiguitySpells t;
  while (csv.next()) {
    t.ccode1.push_back(csv.integer(0));
    t.ccode2.push_back(csv.integer(1));
    int type = csv.integer(2);
    if (type < 0 || type > 5) csv.fail(2, "expected a contiguity type 0..5");
    t.conttype.push_back(type);
    Date st = csv.date(3, kNotMissing);
    Date en = csv.date(4, kNotMissing);
    if (en < st) csv.fail(4, "spell ends before it starts");
    t.start.push_back(st);
    t.end.push_back(en);
    t.line.push_back(csv.line32());
    t.last_year = std::max(t.last_year, en.year);
  }
  t.report = csv.finish();
  return t;
}

int ContiguitySpells::conttype_in(int state1, int state2, int in_year) const noexcept {
  if (in_year > last_year) return -1;
  int best = 0;
  for (std::size_t i = 0; i < ccode1.size(); ++i) {
    if (ccode1[i] != state1 || ccode2[i] != state2) continue;
    if (start[i].year > in_year || end[i].year < in_year || conttype[i] == 0) continue;
    if (best == 0 || conttype[i] < best) best = conttype[i];
  }
  return best;
}

Capitals read_capitals(const std::filesystem::path& file) {
  CsvFile<7> csv(file, "Capitals (peacesciencer cow_capitals)",
                 {"ccode", "statenme", "capital", "stdate", "enddate", "lat", "lng"});
  Capitals t;
  while (csv.next()) {
    t.ccode.push_back(csv.integer(0));
    t.statenme.push_back(csv.str(1));
    t.capital.push_back(csv.str(2));
    Date st = csv.date(3, kNotMissing);
    Date en = csv.date(4, kNotMissing);
    if (en < st) csv.fail(4, "spell ends before it starts");
    t.start.push_back(st);
    t.end.push_back(en);
    double lat = csv.real(5, kNotMissing);
    double lng = csv.real(6, kNotMissing);
    if (lat < -90.0 || lat > 90.0) csv.fail(5, "expected a latitude in [-90, 90] degrees");
    if (lng < -180.0 || lng > 180.0) csv.fail(6, "expected a longitude in [-180, 180] degrees");
    t.lat.push_back(lat);
    t.lng.push_back(lng);
    t.line.push_back(csv.line32());
  }
  t.report = csv.finish();
  return t;
}

std::optional<std::size_t> Capitals::find(int state, int in_year) const noexcept {
  const Date mid{in_year, 7, 1};
  std::optional<std::size_t> any;
  for (std::size_t i = 0; i < ccode.size(); ++i) {
    if (ccode[i] != state) continue;
    if (start[i] <= mid && mid <= end[i]) return i;
    if (!any && start[i].year <= in_year && end[i].year >= in_year) any = i;
  }
  return any;
}

MinDistance read_min_distance(const std::filesystem::path& file) {
  CsvFile<4> csv(file, "CShapes 2.0 minimum distance (peacesciencer cow_mindist, Asia-Pacific)",
                 {"ccode1", "ccode2", "year", "mindist"});
  MinDistance t;
  while (csv.next()) {
    t.ccode1.push_back(csv.integer(0));
    t.ccode2.push_back(csv.integer(1));
    if (t.ccode1.back() >= t.ccode2.back()) csv.fail(1, "expected ccode1 < ccode2 (non-directed dyads)");
    t.year.push_back(csv.integer(2));
    double d = csv.real(3, kEmpty);
    if (d < 0.0) csv.fail(3, "expected a non-negative distance in km");
    t.mindist_km.push_back(d);
    t.line.push_back(csv.line32());
  }
  t.report = csv.finish();
  t.index = DyadYearIndex::build(t.ccode1, t.ccode2, t.year, t.line, t.report.file, "non-directed dyad-year");
  return t;
}

double MinDistance::km(int a, int b, int in_year) const noexcept {
  auto r = index.find_undirected(a, b, in_year);
  return r ? mindist_km[*r] : std::nan("");
}

}  // namespace concord::data
