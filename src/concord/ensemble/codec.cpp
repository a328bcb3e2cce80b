#include "concord/ensemble/codec.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace concord::ensemble {

void encode_run(const RunRecord& run, std::vector<std::uint8_t>& out, bool with_yearly) {
  nlohmann::json events = nlohmann::json::array();
  for (const auto& e : run.events) {
    events.push_back(
        {e.year, e.kind, e.subject, e.side_a, e.side_b, e.outcome, e.value, e.end_year, e.began, e.opening_a, e.opening_b});
  }
  const nlohmann::json j = {
      {"key",
       {run.key.scenario_hash, run.key.order, run.key.params_json, run.key.seed, run.key.run_id,
        run.key.replicate}},
      {"start_year", run.start_year},
      {"years", run.years},
      {"yearly_names", run.yearly_names},
      {"yearly", with_yearly ? nlohmann::json(run.yearly) : nlohmann::json(nullptr)},
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
  if (const auto& y = j.at("yearly"); y.is_null()) {
    run.yearly.assign(static_cast<std::size_t>(std::max(run.years, 0)) * run.yearly_names.size(),
                      std::numeric_limits<double>::quiet_NaN());
  } else {
    run.yearly = y.get<std::vector<double>>();
  }
  run.summary_names = j.at("summary_names").get<std::vector<std::string>>();
  run.summary = j.at("summary").get<std::vector<double>>();
  for (const auto& e : j.at("events")) {
    EventRecord ev{e.at(0).get<int>(),       e.at(1).get<std::string>(),      e.at(2).get<std::string>(),
                   e.at(3).get<std::vector<int>>(), e.at(4).get<std::vector<int>>(), e.at(5).get<std::string>(),
                   e.at(6).get<double>(),    e.at(7).get<int>(),
                   "",                       0,                               0};
    if (e.size() > 10) {
      ev.began = e.at(8).get<std::string>();
      ev.opening_a = e.at(9).get<int>();
      ev.opening_b = e.at(10).get<int>();
    }
    run.events.push_back(std::move(ev));
  }
  return run;
}

void append_run(const RunRecord& run, std::vector<std::uint8_t>& batch,
                std::vector<std::uint8_t>& scratch, bool with_yearly) {
  encode_run(run, scratch, with_yearly);
  const std::uint64_t n = scratch.size();
  for (int i = 0; i < 8; ++i) batch.push_back(static_cast<std::uint8_t>(n >> (8 * i)));
  batch.insert(batch.end(), scratch.begin(), scratch.end());
}

std::vector<RunRecord> decode_batch(const std::uint8_t* data, std::size_t size) {
  std::vector<RunRecord> out;
  std::size_t at = 0;
  while (at < size) {
    if (size - at < 8) throw std::runtime_error("truncated run batch (length)");
    std::uint64_t n = 0;
    for (int i = 0; i < 8; ++i) n |= static_cast<std::uint64_t>(data[at + i]) << (8 * i);
    at += 8;
    if (n > size - at) throw std::runtime_error("truncated run batch (record)");
    out.push_back(decode_run(data + at, n));
    at += n;
  }
  return out;
}

}  // namespace concord::ensemble
