// "Did you mean" suggestions for misspelt keys and names in user input.
#pragma once

#include <cstddef>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace concord {

/// Levenshtein edit distance between a and b (insertions, deletions, substitutions cost 1).
/// O(|a| |b|) time, O(|b|) memory. For error messages only, never in a hot loop.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The largest edit distance at which `word` is taken as a misspelling of a candidate:
/// 2, or a third of the word's length if that is more.
inline std::size_t suggestion_radius(std::string_view word) {
  return word.size() / 3 > 2 ? word.size() / 3 : 2;
}

/// The candidate nearest to `word` by edit_distance, if it lies within suggestion_radius(word)
/// (the first of equally near ones), else nullopt. `key` maps a candidate to the text compared
/// with `word` (e.g. a case-folded name); the candidate itself is returned.
template <class Range, class Key = std::identity>
[[nodiscard]] std::optional<std::string> closest_match(std::string_view word, const Range& candidates, Key key = {}) {
  std::optional<std::string> best;
  std::size_t best_d = std::numeric_limits<std::size_t>::max();
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(word, std::string_view(std::invoke(key, c)));
    if (d < best_d) {
      best_d = d;
      best = std::string(std::string_view(c));
    }
  }
  if (best_d > suggestion_radius(word)) return std::nullopt;
  return best;
}

}  // namespace concord
