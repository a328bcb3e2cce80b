#include "concord/data/democracy.hpp"

#include <cmath>

#include "concord/data/csv.hpp"

namespace concord::data {

DemocracyTable read_democracy(const std::filesystem::path& file, DemocracySource source) {
  DemocracyTable t;
  t.source = source;
  const double nan = std::nan("");
  if (source == DemocracySource::peacesciencer) {
    CsvFile<5> csv(file, "Democracy: peacesciencer ccode_democracy (V-Dem v10, Polity IV, UDS)",
                   {"ccode", "year", "v2x_polyarchy", "polity2", "xm_qudsest"});
    while (csv.next()) {
      t.ccode.push_back(csv.integer(0));
      t.year.push_back(csv.integer(1));
      t.v2x_polyarchy.push_back(csv.real(2, kEmpty));
      t.polity2.push_back(csv.real(3, kEmpty));
      t.xm_qudsest.push_back(csv.real(4, kEmpty));
      t.euds.push_back(nan);
      t.aeuds.push_back(nan);
      t.line.push_back(csv.line32());
    }
    t.report = csv.finish();
  } else {
    CsvFile<6> csv(file, "Democracy: isard cw_democracy (V-Dem v16, Polity5, EUDS)",
                   {"ccode", "year", "euds", "aeuds", "polity2", "v2x_polyarchy"});
    while (csv.next()) {
      t.ccode.push_back(csv.integer(0));
      t.year.push_back(csv.integer(1));
      t.euds.push_back(csv.real(2, kEmpty));
      t.aeuds.push_back(csv.real(3, kEmpty));
      t.polity2.push_back(csv.real(4, kEmpty));
      t.v2x_polyarchy.push_back(csv.real(5, kEmpty));
      t.xm_qudsest.push_back(nan);
      t.line.push_back(csv.line32());
    }
    t.report = csv.finish();
  }
  for (std::size_t i = 0; i < t.size(); ++i) {
    double p = t.v2x_polyarchy[i];
    if (!std::isnan(p) && (p < 0.0 || p > 1.0)) {
      throw InputError(Location{t.report.file, static_cast<long>(t.line[i]), 0, "v2x_polyarchy"},
                       "expected a V-Dem polyarchy score in [0, 1]");
    }
  }
  t.index = StateYearIndex::build(t.ccode, t.year, t.line, t.report.file);
  return t;
}

double DemocracyTable::polyarchy(int state, int in_year) const noexcept {
  auto r = index.find(state, in_year);
  return r ? v2x_polyarchy[*r] : std::nan("");
}

}  // namespace concord::data
