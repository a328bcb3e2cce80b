#include "concord/data/nmc.hpp"

#include <map>

#include "concord/data/csv.hpp"
#include "concord/data/paths.hpp"

namespace concord::data {

std::array<std::span<const double>, measures::kCincComponentCount> NmcTable::components() const {
  return {std::span<const double>(milex), std::span<const double>(milper), std::span<const double>(irst),
          std::span<const double>(pec),   std::span<const double>(tpop),   std::span<const double>(upop)};
}

std::filesystem::path nmc_path(const std::filesystem::path& data_dir, NmcVersion version) {
  return data_dir / (version == NmcVersion::v6 ? paths::kNmcV6 : paths::kNmcV7);
}

namespace {

template <unsigned N>
void read_nmc_rows(CsvFile<N>& csv, NmcTable& t, unsigned first_component, bool with_abb, unsigned missing) {
  const unsigned c0 = first_component;
  while (csv.next()) {
    t.stateabb.push_back(with_abb ? csv.str(0) : std::string());
    t.ccode.push_back(csv.integer(c0 - 2));
    t.year.push_back(csv.integer(c0 - 1));
    t.milex.push_back(csv.real(c0 + 0, missing));
    t.milper.push_back(csv.real(c0 + 1, missing));
    t.irst.push_back(csv.real(c0 + 2, missing));
    t.pec.push_back(csv.real(c0 + 3, missing));
    t.tpop.push_back(csv.real(c0 + 4, missing));
    t.upop.push_back(csv.real(c0 + 5, missing));
    t.cinc.push_back(csv.real(c0 + 6, missing));
    for (unsigned k = 0; k < 7; ++k) {
      double v = k == 0 ? t.milex.back() : k == 1 ? t.milper.back() : k == 2 ? t.irst.back()
               : k == 3 ? t.pec.back() : k == 4 ? t.tpop.back() : k == 5 ? t.upop.back() : t.cinc.back();
      if (v < 0.0) csv.fail(c0 + k, "expected a non-negative value or the missing code");
    }
    t.line.push_back(csv.line32());
  }
  t.report = csv.finish();
}

}  // namespace

NmcTable read_nmc(const std::filesystem::path& file, NmcVersion version) {
  NmcTable t;
  t.version = version;
  if (version == NmcVersion::v6) {
    CsvFile<10> csv(file, "COW NMC 6.0 (abridged)",
                    {"stateabb", "ccode", "year", "milex", "milper", "irst", "pec", "tpop", "upop", "cinc"});
    read_nmc_rows(csv, t, 3, true, kMinus9);
  } else {
    CsvFile<9> csv(file, "COW NMC 7.0 (peacesciencer)",
                   {"ccode", "year", "milex", "milper", "irst", "pec", "tpop", "upop", "cinc"});
    read_nmc_rows(csv, t, 2, false, kEmptyOrMinus9);
  }
  t.index = StateYearIndex::build(t.ccode, t.year, t.line, t.report.file);
  return t;
}

std::vector<double> recompute_cinc(const NmcTable& nmc) {
  std::map<int, std::vector<std::size_t>> by_year;
  for (std::size_t i = 0; i < nmc.size(); ++i) by_year[nmc.year[i]].push_back(i);
  std::vector<double> out(nmc.size(), 0.0);
  const auto comps = nmc.components();
  for (const auto& [year, rows] : by_year) measures::cinc_rows(comps, rows, out);
  return out;
}

}  // namespace concord::data
