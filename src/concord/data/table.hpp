// Shared pieces of every dataset reader: the read report, calendar dates, and the sorted key
// indexes that give fast lookup by (ccode, year) and (ccode1, ccode2, year).
//
// Tables are structure-of-arrays: one std::vector per column, all of the same length, row i of
// the file (after the header) is element i of every column. Nothing is dropped silently: every
// table carries a ReadReport that counts rows read, missing values per field and rows skipped
// with the reason.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace concord::data {

/// How many cells of one field were missing (empty, or a missing-value code such as -9).
struct FieldMissing {
  std::string field;
  std::size_t count = 0;
};

/// Rows left out of a table, grouped by reason. `first_line` is the 1-based file line of the
/// first such row (the header is line 1).
struct SkippedRows {
  std::string reason;
  std::size_t count = 0;
  long first_line = 0;
};

/// What a reader did with one file. Produced by every reader; printed by `concord data check`.
struct ReadReport {
  std::string dataset;  ///< human name and version, e.g. "COW NMC 7.0 (peacesciencer)"
  std::string file;     ///< path as opened
  std::size_t rows_read = 0;  ///< data rows in the file (the header is not counted)
  std::size_t rows_kept = 0;  ///< rows in the returned table (rows_read minus skipped)
  std::vector<FieldMissing> missing;  ///< every field read, in header order, with its missing count
  std::vector<SkippedRows> skipped;   ///< one entry per reason; empty if no row was skipped
  std::vector<std::string> notes;     ///< non-fatal problems (e.g. unmatched country names)

  /// Missing cells counted for `field` (0 if the field is unknown).
  [[nodiscard]] std::size_t missing_in(std::string_view field) const;
  /// Total rows skipped over all reasons.
  [[nodiscard]] std::size_t rows_skipped() const;
  /// Records `n` skipped rows for `reason` (merging with an existing reason).
  void skip(std::string_view reason, long line, std::size_t n = 1);
  /// "1234 missing (milex 12, pec 3)"-style summary of the non-zero missing counts.
  [[nodiscard]] std::string missing_summary() const;
};

/// A calendar date as COW codes it. Unknown parts are coded -9 in COW files; they are kept.
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
  friend auto operator<=>(const Date&, const Date&) = default;
};

/// Pack keys into one 64-bit integer that sorts like (ccode1, ccode2, year).
/// ccodes must be in [0, 65535]; years in [-32768, 32767].
[[nodiscard]] constexpr std::uint64_t state_year_key(int ccode, int year) noexcept {
  return (static_cast<std::uint64_t>(static_cast<std::uint16_t>(ccode)) << 16) |
         static_cast<std::uint64_t>(static_cast<std::uint16_t>(year + 32768));
}
[[nodiscard]] constexpr std::uint64_t dyad_year_key(int ccode1, int ccode2, int year) noexcept {
  return (static_cast<std::uint64_t>(static_cast<std::uint16_t>(ccode1)) << 32) |
         state_year_key(ccode2, year);
}

/// A sorted (key -> row) index over a table. Built once after reading; lookups are binary
/// searches (O(log n), no allocation). Building throws concord::InputError if two rows share a
/// key: the message names the file, the line of the second row, the key fields and the line of
/// the first one ("duplicate state-year (ccode 2, year 1816); first on line 2").
class KeyIndex {
 public:
  KeyIndex() = default;

  /// `keys[i]` is row i's key; `lines[i]` its 1-based file line (for the error message).
  /// `what` names the key ("state-year", "directed dyad-year"); `describe(key)` renders a key.
  static KeyIndex build(std::span<const std::uint64_t> keys, std::span<const std::uint32_t> lines,
                        const std::string& file, const std::string& what,
                        std::string (*describe)(std::uint64_t));

  /// Row holding `key`, or nullopt.
  [[nodiscard]] std::optional<std::size_t> find(std::uint64_t key) const noexcept;
  [[nodiscard]] std::size_t size() const noexcept { return keys_.size(); }

 private:
  std::vector<std::uint64_t> keys_;  // sorted
  std::vector<std::uint32_t> rows_;  // rows_[i] is the row of keys_[i]
};

/// "ccode 2, year 1816" for a state_year_key.
std::string describe_state_year(std::uint64_t key);
/// "ccode1 2, ccode2 20, year 1920" for a dyad_year_key.
std::string describe_dyad_year(std::uint64_t key);

/// Index by (ccode, year); duplicate state-years are an InputError.
class StateYearIndex {
 public:
  StateYearIndex() = default;
  static StateYearIndex build(std::span<const int> ccode, std::span<const int> year,
                              std::span<const std::uint32_t> lines, const std::string& file);
  [[nodiscard]] std::optional<std::size_t> find(int ccode, int year) const noexcept {
    return index_.find(state_year_key(ccode, year));
  }

 private:
  KeyIndex index_;
};

/// Index by (ccode1, ccode2, year), order-sensitive (directed); duplicates are an InputError.
/// For non-directed files (ccode1 < ccode2) use find_undirected.
class DyadYearIndex {
 public:
  DyadYearIndex() = default;
  static DyadYearIndex build(std::span<const int> ccode1, std::span<const int> ccode2,
                             std::span<const int> year, std::span<const std::uint32_t> lines,
                             const std::string& file, const std::string& what = "dyad-year");
  [[nodiscard]] std::optional<std::size_t> find(int ccode1, int ccode2, int year) const noexcept {
    return index_.find(dyad_year_key(ccode1, ccode2, year));
  }
  /// Looks up (min, max, year): for non-directed files keyed with ccode1 < ccode2.
  [[nodiscard]] std::optional<std::size_t> find_undirected(int a, int b, int year) const noexcept {
    return a < b ? find(a, b, year) : find(b, a, year);
  }

 private:
  KeyIndex index_;
};

/// Distinct values of `v` (for report summaries: number of states, first and last year).
struct Coverage {
  int first_year = 0;
  int last_year = 0;
  std::size_t states = 0;
};
Coverage coverage(std::span<const int> ccode, std::span<const int> year);

}  // namespace concord::data
