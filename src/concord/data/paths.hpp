// Where each dataset sits under the data directory (concord::resolve_data_dir()). The layout is
// that of ../shared/data: one folder per dataset, each with a PROVENANCE.md.
#pragma once

namespace concord::data::paths {

inline constexpr const char* kStateList2024 = "cow_state_system_v2024/statelist2024.csv";
inline constexpr const char* kMajors2024 = "cow_state_system_v2024/majors2024.csv";
inline constexpr const char* kStates2016 = "cow_state_system_v2016/states2016.csv";
inline constexpr const char* kSystem2016 = "cow_state_system_v2016/system2016.csv";
inline constexpr const char* kMajors2016 = "cow_state_system_v2016/majors2016.csv";
inline constexpr const char* kNmcV6 = "cow_nmc_v6/NMC-60-abridged.csv";
inline constexpr const char* kNmcV7 = "cow_nmc_v7/cow_nmc_v7_peacesciencer.csv";
inline constexpr const char* kSipriConstant2022 = "sipri_milex_1949_2023/sipri_milex_constant2022_usd_m.csv";
inline constexpr const char* kMaddison2023Data = "maddison_mpd2023/mpd2023_MaddisonData.csv";
inline constexpr const char* kMaddison2023Countries = "maddison_mpd2023/mpd2023_MaddisonCountries.csv";
inline constexpr const char* kDemocracyPeacesciencer =
    "democracy_peacesciencer_isard/ccode_democracy_peacesciencer.csv";
inline constexpr const char* kDemocracyIsard = "democracy_peacesciencer_isard/cw_democracy_isard.csv";
inline constexpr const char* kAtop51DyadYear = "atop_v5.1_dyad_year/atop_alliance_ddyr_peacesciencer.csv";
inline constexpr const char* kContiguity32 = "cow_contiguity_v3.2/cow_contdir_peacesciencer.csv";
inline constexpr const char* kCapitals = "peacesciencer_misc/cow_capitals.csv";
inline constexpr const char* kMinDistAsiaPacific =
    "cow_mindist_cshapes_asiapac/cow_mindist_asiapac_peacesciencer.csv";
inline constexpr const char* kTradeNational40 = "cow_trade_v4/National_COW_4.0.csv";
inline constexpr const char* kTradeDyadicAsiaPacific =
    "cow_trade_v4_dyadic_asiapac/cow_trade_ndy_asiapac_peacesciencer.csv";
inline constexpr const char* kIgoStateYear = "cow_igo_v3/cow_igo_sy_peacesciencer.csv";
inline constexpr const char* kIgoMemberships = "cow_igo_v3/igo_membership_selected_long.csv";
inline constexpr const char* kAsiaPacificInstitutions = "asia_pacific_institutions/memberships.csv";
inline constexpr const char* kMidA50 = "cow_mid_v5/MIDA_5.0.csv";
inline constexpr const char* kMidB50 = "cow_mid_v5/MIDB_5.0.csv";
inline constexpr const char* kMidDyadYears = "peacesciencer_cow_mid_v5_dyadic/cow_mid_ddydisps.csv";
inline constexpr const char* kMidDirectedDisputeYears =
    "peacesciencer_cow_mid_v5_dyadic/cow_mid_dirdisps.csv";
inline constexpr const char* kInterStateWar40 = "cow_war_v4/Inter-StateWarData_v4.0.csv";
inline constexpr const char* kInterStateWarDyadYears = "cow_war_v4/cow_war_inter_dyad_year_peacesciencer.csv";
inline constexpr const char* kDirectedDyadicWar = "cow_war_v4/directed_dyadic_war.csv";
inline constexpr const char* kRivalries = "peacesciencer_misc/td_rivalries.csv";
inline constexpr const char* kNuclearStatus = "nuclear_bleek2017/nuclear_status_bleek2017.csv";
inline constexpr const char* kAtop401Members = "atop_v4.01/atop-member-level.csv";

}  // namespace concord::data::paths
