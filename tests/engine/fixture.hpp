// A small synthetic region for engine tests: two great powers (A = 0, B = 1) and four small
// states, one flashpoint between the great powers and one between B and a small state, two
// institutions. Values are round numbers, not data: the tests assert invariants and closed forms.
#pragma once

#include <cmath>
#include <limits>

#include "concord/engine/model.hpp"

namespace concord::engine::testing {

inline Model synthetic_model() {
  Model m;
  m.scenario_name = "synthetic";
  m.start_year = 2015;
  m.ccode = {2, 710, 740, 732, 820, 850};
  m.stateabb = {"USA", "CHN", "JPN", "ROK", "MAL", "INS"};
  m.gdp = {17000.0, 19000.0, 4800.0, 1700.0, 750.0, 2700.0};
  m.population = {320.0, 1370.0, 127.0, 50.0, 30.0, 255.0};
  m.milex = {600.0, 215.0, 45.0, 36.0, 5.0, 8.0};
  m.nmc_milex = {600000.0, 215000.0, 45000.0, 36000.0, 5000.0, 8000.0};
  m.milper = {1400.0, 2300.0, 250.0, 630.0, 110.0, 400.0};
  m.irst = {80.0, 800.0, 105.0, 70.0, 4.0, 5.0};
  m.pec = {2200.0, 3000.0, 450.0, 280.0, 90.0, 200.0};
  m.tpop = m.population;
  m.upop = {260.0, 750.0, 115.0, 41.0, 22.0, 140.0};
  m.polyarchy = {0.85, 0.07, 0.83, 0.8, 0.4, 0.6};
  m.great_power = {1, 1, 0, 0, 0, 0};
  const std::size_t n = m.ccode.size();
  m.distance_km.assign(n * n, 2000.0);
  m.contiguity.assign(n * n, 0);
  m.trade.assign(n * n, 50.0);
  m.alliance.assign(n * n, 0.0);
  m.trust.assign(n * n, 0.4);
  for (std::size_t i = 0; i < n; ++i) {
    m.distance_km[i * n + i] = 0.0;
    m.alliance[i * n + i] = 3.0;
    m.trust[i * n + i] = 1.0;
  }
  for (std::size_t j : {2U, 3U}) {  // USA's defense pledges to JPN and ROK
    m.alliance[0 * n + j] = 3.0;
    m.alliance[j * n + 0] = 3.0;
  }
  Flashpoint taiwan;
  taiwan.name = "great-power flashpoint";
  taiwan.parties = {0, 1};
  taiwan.positions = {20.0, 90.0};
  taiwan.status_quo = 40.0;
  taiwan.base_rate = 0.6;
  Flashpoint scs;
  scs.name = "maritime flashpoint";
  scs.parties = {1, 4, 5};
  scs.positions = {90.0, 20.0, 30.0};
  scs.stakeholders = {0, 2};
  scs.status_quo = 40.0;
  scs.base_rate = 0.8;
  m.flashpoints = {taiwan, scs};
  Institution arf;
  arf.name = "forum";
  arf.members = {0, 1, 2, 3, 4, 5};
  arf.mandate = mandate_dialogue | mandate_confidence_building;
  arf.capacity = 0.3;
  Institution club;
  club.name = "club";
  club.members = {3, 4, 5};
  club.mandate = mandate_dialogue | mandate_preventive_diplomacy;
  club.capacity = 0.4;
  m.institutions = {arf, club};
  m.order.name = "synthetic-self-help";
  return m;
}

}  // namespace concord::engine::testing
