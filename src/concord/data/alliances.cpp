#include "concord/data/alliances.hpp"

#include <algorithm>

#include "concord/data/csv.hpp"

namespace concord::data {

AtopDyadYears read_atop_dyad_years(const std::filesystem::path& file) {
  CsvFile<8> csv(file, "ATOP 5.1 directed dyad-years (peacesciencer)",
                 {"ccode1", "ccode2", "year", "atop_defense", "atop_offense", "atop_neutral", "atop_nonagg",
                  "atop_consul"});
  AtopDyadYears t;
  auto flag = [&csv](unsigned i) -> std::uint8_t {
    int v = csv.integer(i);
    if (v != 0 && v != 1) csv.fail(i, "expected 0 or 1 (an ATOP obligation flag)");
    return static_cast<std::uint8_t>(v);
  };
  while (csv.next()) {
    t.ccode1.push_back(csv.integer(0));
    t.ccode2.push_back(csv.integer(1));
    t.year.push_back(csv.integer(2));
    const std::uint8_t d = flag(3), o = flag(4), n = flag(5), a = flag(6), c = flag(7);
    t.defense.push_back(d);
    t.offense.push_back(o);
    t.neutral.push_back(n);
    t.nonagg.push_back(a);
    t.consul.push_back(c);
    t.level.push_back(static_cast<std::uint8_t>(atop_alliance_level(d != 0, o != 0, n != 0, a != 0, c != 0)));
    t.line.push_back(csv.line32());
  }
  for (const int y : t.year) t.last_year = std::max(t.last_year, y);
  t.report = csv.finish();
  t.index = DyadYearIndex::build(t.ccode1, t.ccode2, t.year, t.line, t.report.file, "directed dyad-year");
  return t;
}

int AtopDyadYears::level_of(int state1, int state2, int in_year) const noexcept {
  if (in_year > last_year) return -1;
  auto r = index.find(state1, state2, in_year);
  return r ? level[*r] : 0;
}

}  // namespace concord::data
