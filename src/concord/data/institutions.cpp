#include "concord/data/institutions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>

#include "concord/data/csv.hpp"

namespace concord::data {

IgoStateYearCounts read_igo_state_year_counts(const std::filesystem::path& file) {
  CsvFile<6> csv(
      file, "COW IGO 3.0 state-year counts (peacesciencer cow_igo_sy)",
      {"ccode", "year", "sum_igo_full", "sum_igo_associate", "sum_igo_observer", "sum_igo_anytype"});
  IgoStateYearCounts t;
  while (csv.next()) {
    t.ccode.push_back(csv.integer(0));
    t.year.push_back(csv.integer(1));
    t.full.push_back(csv.integer(2));
    t.associate.push_back(csv.integer(3));
    t.observer.push_back(csv.integer(4));
    t.anytype.push_back(csv.integer(5));
    t.line.push_back(csv.line32());
  }
  t.report = csv.finish();
  t.index = StateYearIndex::build(t.ccode, t.year, t.line, t.report.file);
  return t;
}

IgoMemberships read_igo_memberships(const std::filesystem::path& file) {
  CsvFile<4> csv(file, "COW IGO 3.0 memberships (24 IGOs, long)", {"ioname", "ccode", "year", "status"});
  IgoMemberships t;
  while (csv.next()) {
    t.ioname.push_back(csv.str(0));
    t.ccode.push_back(csv.integer(1));
    t.year.push_back(csv.integer(2));
    int s = csv.integer(3);
    if (s < 1 || s > 3) csv.fail(3, "expected status 1 (full), 2 (associate) or 3 (observer)");
    t.status.push_back(s);
    t.line.push_back(csv.line32());
  }
  t.report = csv.finish();
  // Duplicate (ioname, ccode, year): index each IGO separately.
  std::set<std::string> ios(t.ioname.begin(), t.ioname.end());
  for (const auto& io : ios) {
    std::vector<int> c, y;
    std::vector<std::uint32_t> l;
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t.ioname[i] != io) continue;
      c.push_back(t.ccode[i]);
      y.push_back(t.year[i]);
      l.push_back(t.line[i]);
    }
    (void)StateYearIndex::build(c, y, l, t.report.file);
  }
  return t;
}

std::vector<int> IgoMemberships::members(std::string_view organisation, int in_year,
                                         int status_wanted) const {
  std::vector<int> out;
  for (std::size_t i = 0; i < ccode.size(); ++i) {
    if (year[i] == in_year && status[i] == status_wanted && ioname[i] == organisation)
      out.push_back(ccode[i]);
  }
  std::sort(out.begin(), out.end());
  return out;
}

namespace {
std::vector<std::string> split_fields(const std::string& line, std::size_t max_fields) {
  // Plain comma split; the last field keeps every remaining comma (free-text note).
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (out.size() + 1 < max_fields) {
    std::size_t comma = line.find(',', pos);
    if (comma == std::string::npos) break;
    out.push_back(line.substr(pos, comma - pos));
    pos = comma + 1;
  }
  out.push_back(line.substr(pos));
  return out;
}
}  // namespace

InstitutionMemberships read_institution_memberships(const std::filesystem::path& file) {
  // The note column is free text that may hold an unquoted comma, which a CSV parser rejects
  // as an extra field; this small file is therefore split by hand: the first six fields by
  // comma and the rest of the line as the note (reported in the notes).
  static constexpr std::array<const char*, 7> kColumns = {"institution", "ccode", "stateabb", "participant",
                                                          "joined",      "role",  "note"};
  const std::string fname = file.string();
  std::vector<std::string> header = read_header_names(file);
  if (header.size() != kColumns.size() || !std::equal(header.begin(), header.end(), kColumns.begin())) {
    throw InputError(Location{fname, 1, 0, ""},
                     "expected the header institution,ccode,stateabb,participant,joined,role,note");
  }
  LineEndings endings;
  const std::vector<std::string> lines = read_text_lines(file, &endings);
  InstitutionMemberships t;
  t.report.dataset = "Asia-Pacific institutions (hand-compiled memberships)";
  t.report.file = fname;
  for (const char* c : kColumns) t.report.missing.push_back(FieldMissing{c, 0});
  long lineno = 1;
  std::set<std::pair<std::string, std::string>> seen;
  for (std::size_t li = 1; li < lines.size(); ++li) {
    const std::string& line = lines[li];
    ++lineno;
    if (line.empty()) {
      t.report.skip("blank line", lineno);
      ++t.report.rows_read;
      continue;
    }
    ++t.report.rows_read;
    std::vector<std::string> f = split_fields(line, kColumns.size());
    if (f.size() < kColumns.size() - 1) {
      throw InputError(Location{fname, lineno, 0, ""},
                       fmt::format("too few fields: expected {} as in the header{}", kColumns.size(), endings.suffix()));
    }
    if (f.size() < kColumns.size()) f.emplace_back();
    if (f[6].find(',') != std::string::npos) {
      t.report.notes.push_back(
          fmt::format("line {}: the note holds an unquoted comma; kept as text", lineno));
    }
    auto where = [&](unsigned i) { return Location{fname, lineno, static_cast<long>(i) + 1, kColumns[i]}; };
    t.institution.push_back(f[0]);
    if (f[1].empty()) {
      ++t.report.missing[1].count;
      t.ccode.push_back(0);
    } else {
      t.ccode.push_back(parse_int_field(f[1], where(1)));
    }
    t.stateabb.push_back(f[2]);
    t.participant.push_back(f[3]);
    t.joined.push_back(parse_int_field(f[4], where(4)));
    t.role.push_back(f[5]);
    if (f[6].empty()) ++t.report.missing[6].count;
    t.note.push_back(f[6]);
    t.line.push_back(static_cast<std::uint32_t>(lineno));
    if (!seen.insert({f[0], f[3]}).second) {
      throw InputError(where(3), fmt::format("duplicate membership of '{}' in {}", f[3], f[0]));
    }
  }
  t.report.rows_kept = t.report.rows_read - t.report.rows_skipped();
  return t;
}

std::vector<int> InstitutionMemberships::members(std::string_view name, int in_year) const {
  std::vector<int> out;
  for (std::size_t i = 0; i < ccode.size(); ++i) {
    if (institution[i] == name && ccode[i] != 0 && joined[i] <= in_year) out.push_back(ccode[i]);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace concord::data
