// Serialisation of RunRecords for sending between MPI ranks: CBOR (RFC 8949) via
// nlohmann-json. Doubles keep every bit (NaN included) and unsigned 64-bit seeds stay exact, so
// a record decoded on rank 0 writes the same store rows as the record simulated there.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "concord/store/records.hpp"

namespace concord::ensemble {

/// CBOR bytes of the record (replaces the contents of `out`). With `with_yearly` false the
/// yearly values are left out (they are most of the bytes: years x metrics doubles) and
/// decode_run gives them back as NaN, exactly as ResultsStore::read_run does for a store
/// written without yearly rows.
void encode_run(const RunRecord& run, std::vector<std::uint8_t>& out, bool with_yearly = true);

/// Decodes bytes made by encode_run. Throws nlohmann::json::exception on malformed input.
[[nodiscard]] RunRecord decode_run(const std::uint8_t* data, std::size_t size);

/// Appends one record to a batch (several runs in one MPI message): its encode_run size as
/// 8 bytes little-endian, then the bytes. `scratch` is reused between calls.
void append_run(const RunRecord& run, std::vector<std::uint8_t>& batch,
                std::vector<std::uint8_t>& scratch, bool with_yearly = true);

/// The records of a batch made by append_run, in order. Throws std::runtime_error on a
/// truncated batch, nlohmann::json::exception on a malformed record.
[[nodiscard]] std::vector<RunRecord> decode_batch(const std::uint8_t* data, std::size_t size);

}  // namespace concord::ensemble
