#include "concord/ensemble/codec.hpp"

#include <nlohmann/json.hpp>

namespace concord::ensemble {

void encode_run(const RunRecord& run, std::vector<std::uint8_t>& out) {
  nlohmann::json events = nlohmann::json::array();
  for (const auto& e : run.events) {
    events.push_back({e.year, e.kind, e.subject, e.side_a, e.side_b, e.outcome, e.value, e.end_year});
  }
  const nlohmann::json j = {
      {"key",
       {run.key.scenario_hash, run.key.order, run.key.params_json, run.key.seed, run.key.run_id,
        run.key.replicate}},
      {"start_year", run.start_year},
      {"years", run.years},
      {"yearly_names", run.yearly_names},
      {"yearly", run.yearly},
      {"summary_names", run.summary_names},
      {"summary", run.summary},
      {"events", events}};
  out.clear();
  nlohmann::json::to_cbor(j, out);
}

RunRecord decode_run(const std::uint8_t* data, std::size_t size) {
  const auto j = nlohmann::json::from_cbor(data, data + size);
  RunRecord run;
  const auto& k = j.at("key");
  run.key.scenario_hash = k.at(0).get<std::string>();
  run.key.order = k.at(1).get<std::string>();
  run.key.params_json = k.at(2).get<std::string>();
  run.key.seed = k.at(3).get<std::uint64_t>();
  run.key.run_id = k.at(4).get<std::uint64_t>();
  run.key.replicate = k.at(5).get<std::uint64_t>();
  run.start_year = j.at("start_year").get<int>();
  run.years = j.at("years").get<int>();
  run.yearly_names = j.at("yearly_names").get<std::vector<std::string>>();
  run.yearly = j.at("yearly").get<std::vector<double>>();
  run.summary_names = j.at("summary_names").get<std::vector<std::string>>();
  run.summary = j.at("summary").get<std::vector<double>>();
  for (const auto& e : j.at("events")) {
    run.events.push_back({e.at(0).get<int>(), e.at(1).get<std::string>(),
                          e.at(2).get<std::string>(), e.at(3).get<std::vector<int>>(),
                          e.at(4).get<std::vector<int>>(), e.at(5).get<std::string>(),
                          e.at(6).get<double>(), e.at(7).get<int>()});
  }
  return run;
}

}  // namespace concord::ensemble
