#include "concord/data/trade.hpp"

#include <cmath>

#include "concord/data/csv.hpp"

namespace concord::data {

NationalTrade read_national_trade(const std::filesystem::path& file) {
  CsvFile<5> csv(file, "COW Trade 4.0 national", {"ccode", "stateabb", "year", "imports", "exports"});
  NationalTrade t;
  while (csv.next()) {
    t.ccode.push_back(csv.integer(0));
    t.stateabb.push_back(csv.str(1));
    t.year.push_back(csv.integer(2));
    t.imports.push_back(csv.real(3, kEmptyOrMinus9));
    t.exports.push_back(csv.real(4, kEmptyOrMinus9));
    t.line.push_back(csv.line32());
  }
  t.report = csv.finish();
  t.index = StateYearIndex::build(t.ccode, t.year, t.line, t.report.file);
  return t;
}

DyadicTrade read_dyadic_trade(const std::filesystem::path& file) {
  CsvFile<7> csv(file, "COW Trade 4.0 dyadic (peacesciencer cow_trade_ndy, Asia-Pacific)",
                 {"ccode1", "ccode2", "year", "flow1", "flow2", "smoothflow1", "smoothflow2"});
  DyadicTrade t;
  while (csv.next()) {
    t.ccode1.push_back(csv.integer(0));
    t.ccode2.push_back(csv.integer(1));
    if (t.ccode1.back() >= t.ccode2.back()) csv.fail(1, "expected ccode1 < ccode2 (non-directed dyads)");
    t.year.push_back(csv.integer(2));
    t.flow1.push_back(csv.real(3, kEmptyOrMinus9));
    t.flow2.push_back(csv.real(4, kEmptyOrMinus9));
    t.smoothflow1.push_back(csv.real(5, kEmptyOrMinus9));
    t.smoothflow2.push_back(csv.real(6, kEmptyOrMinus9));
    t.line.push_back(csv.line32());
  }
  t.report = csv.finish();
  t.index = DyadYearIndex::build(t.ccode1, t.ccode2, t.year, t.line, t.report.file, "non-directed dyad-year");
  return t;
}

double DyadicTrade::imports(int importer, int exporter, int in_year) const noexcept {
  auto r = index.find_undirected(importer, exporter, in_year);
  if (!r) return std::nan("");
  return importer < exporter ? flow1[*r] : flow2[*r];
}

}  // namespace concord::data
