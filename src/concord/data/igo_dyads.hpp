// Joint membership of a pair of states in the intergovernmental organisations (IGOs) of the
// project's COW IGO 3.0 extract (cow_igo_v3/igo_membership_selected_long.csv): the dyadic
// covariates of the MID-onset logit (docs/model.md, "Joint IGO membership").
//
// The extract has member-level rows for 24 selected IGOs only (its PROVENANCE.md), not the 534 of
// COW IGO 3.0, so the terms are counts among the listed IGOs, not the total joint membership of
// Oneal & Russett (1999):
//   igo_shared           number of the listed IGOs (the UN left out: near-universal membership
//                        after 1945, no dyadic variation) in which both are full members
//                        (status 1);
//   igo_security_shared  the same count over the listed IGOs with a security mandate (kListedIgos:
//                        a founding charter that provides for collective defence, confidence-
//                        building measures, arms control, preventive diplomacy or the peaceful
//                        settlement of disputes among the members; for ASEAN, SCO and CICA the
//                        mandate of data/institutions.toml, the scenario's institutions).
// Year used: the latest year <= Y that the extract covers (5-yearly before 1965, annual
// 1965-2014; 2014 carried forward). Before the first covered year the counts are 0 (none of the
// listed IGOs existed before 1945).
#pragma once

#include <cstdint>
#include <map>
#include <unordered_map>
#include <utility>

#include "concord/data/institutions.hpp"

namespace concord::data {

struct ListedIgo {
  const char* ioname;  ///< COW IGO ioname
  bool security;       ///< security mandate (see the file comment)
  const char* basis;   ///< the charter or catalogue entry that says so
};

/// The 23 IGOs of the extract counted in igo_shared (all but the UN), with their mandate.
inline constexpr ListedIgo kListedIgos[] = {
    {"NATO", true, "North Atlantic Treaty 1949, Art. 5 (collective defence)"},
    {"WPact", true, "Warsaw Treaty 1955, Art. 4 (collective defence)"},
    {"SEATO", true, "Southeast Asia Collective Defense Treaty (Manila Pact) 1954, Art. IV"},
    {"CSTO", true, "Collective Security Treaty 1992 / CSTO Charter 2002, Art. 3"},
    {"OSCE", true, "Helsinki Final Act 1975 (confidence-building measures, peaceful settlement of disputes)"},
    {"EAPC", true, "EAPC Basic Document 1997 (consultation on political and security-related issues)"},
    {"CIS", true, "CIS Charter 1993, Section III (collective security and military-political cooperation)"},
    {"ASEAN", true, "data/institutions.toml: confidence-building, dispute-settlement (Treaty of Amity and Cooperation 1976)"},
    {"SCO", true, "data/institutions.toml: confidence-building, arms-control (Shanghai Agreement 1996)"},
    {"CICA", true, "data/institutions.toml: confidence-building (CICA Catalogue of CBMs 2004)"},
    {"APEC", false, "data/institutions.toml: dialogue, economic-integration"},
    {"ASPAC", false, "Asian and Pacific Council 1966: consultation, economic and cultural cooperation"},
    {"SAARC", false, "SAARC Charter 1985, Art. X(2): bilateral and contentious issues excluded"},
    {"PIF", false, "South Pacific Forum 1971: consultation, economic cooperation"},
    {"SPC", false, "Canberra Agreement 1947: technical and scientific cooperation"},
    {"AsDB", false, "Asian Development Bank charter 1966: development finance"},
    {"ERIA", false, "Economic Research Institute for ASEAN and East Asia: research"},
    {"IORARC", false, "Indian Ocean Rim Association Charter 1997: economic cooperation"},
    {"SWPD", false, "South West Pacific Dialogue: consultation"},
    {"CAECC", false, "Central Asian Economic Cooperation Community: economic cooperation"},
    {"EAEC", false, "Eurasian Economic Community Treaty 2000: economic integration"},
    {"COLOMBO", false, "Colombo Plan 1950: development assistance"},
    {"ASEF", false, "Asia-Europe Foundation 1997: cultural and intellectual exchange"},
};
inline constexpr int kListedIgoCount = static_cast<int>(sizeof(kListedIgos) / sizeof(kListedIgos[0]));

/// The shared-membership counts of every pair, by year.
class IgoDyads {
 public:
  IgoDyads() = default;
  /// From the extract's rows (full members only; IGOs not in kListedIgos are ignored).
  explicit IgoDyads(const IgoMemberships& memberships);

  /// The extract's year used for `year`: the latest covered year <= year; 0 if none.
  [[nodiscard]] int year_used(int year) const noexcept;
  /// (igo_shared, igo_security_shared) of a and b in `year` (year_used(year)); (0, 0) if none.
  [[nodiscard]] std::pair<int, int> shared(int a, int b, int year) const noexcept;

 private:
  std::map<int, std::unordered_map<int, std::uint32_t>> masks_;  // year -> ccode -> bit per listed IGO
  std::uint32_t security_mask_ = 0;
};

}  // namespace concord::data
