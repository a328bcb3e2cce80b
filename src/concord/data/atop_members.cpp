#include "concord/data/atop_members.hpp"

#include "concord/data/csv.hpp"

namespace concord::data {

bool AtopMembers::in_force(std::size_t i, int year, int month) const noexcept {
  const int when = year * 12 + (month > 0 ? month : 6);
  const int from = yrent[i] * 12 + (moent[i] > 0 ? moent[i] : 1);
  if (when < from) return false;
  if (yrexit[i] == 0) return true;
  const int to = yrexit[i] * 12 + (moexit[i] > 0 ? moexit[i] : 12);
  return when <= to;
}

AtopMembers read_atop_members(const std::filesystem::path& file) {
  CsvFile<14> csv(file, "ATOP 4.01 member-level",
                  {"atopid", "member", "yrent", "moent", "yrexit", "moexit", "defense", "offense", "defcoadv",
                   "offcoadv", "statthr1", "statthr2", "defcoloc", "offcoloc"});
  AtopMembers t;
  auto flag = [&](unsigned i) {
    const int v = csv.integer(i);
    if (v != 0 && v != 1) csv.fail(i, "expected 0 or 1");
    return static_cast<std::uint8_t>(v);
  };
  while (csv.next()) {
    t.atopid.push_back(csv.integer(0));
    t.member.push_back(csv.integer(1));
    t.yrent.push_back(csv.integer(2));
    t.moent.push_back(csv.integer(3));
    t.yrexit.push_back(csv.integer(4));
    t.moexit.push_back(csv.integer(5));
    if (t.yrexit.back() != 0 && t.yrexit.back() < t.yrent.back()) csv.fail(4, "expected an exit year on or after yrent");
    t.defense.push_back(flag(6));
    t.offense.push_back(flag(7));
    t.defcoadv.push_back(flag(8));
    t.offcoadv.push_back(flag(9));
    t.statthr1.push_back(csv.coded(10, kEmpty, 0));
    t.statthr2.push_back(csv.coded(11, kEmpty, 0));
    t.defcoloc.push_back(flag(12));
    t.offcoloc.push_back(flag(13));
    t.line.push_back(csv.line32());
  }
  t.report = csv.finish();
  return t;
}

}  // namespace concord::data
