// Serialisation of RunRecords for sending between MPI ranks: CBOR (RFC 8949) via
// nlohmann-json. Doubles keep every bit (NaN included) and unsigned 64-bit seeds stay exact, so
// a record decoded on rank 0 writes the same store rows as the record simulated there.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "concord/store/records.hpp"

namespace concord::ensemble {

/// CBOR bytes of the record (replaces the contents of `out`).
void encode_run(const RunRecord& run, std::vector<std::uint8_t>& out);

/// Decodes bytes made by encode_run. Throws nlohmann::json::exception on malformed input.
[[nodiscard]] RunRecord decode_run(const std::uint8_t* data, std::size_t size);

}  // namespace concord::ensemble
