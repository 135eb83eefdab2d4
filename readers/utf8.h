// UTF-8 validation and repair: the cheap first step every reader runs on bytes that claim to be
// UTF-8 (JSONL text fields, HTML declared or detected as UTF-8).
//
// Validity follows the Unicode Standard, table 3-7: no overlong forms, no surrogates (U+D800..
// U+DFFF), nothing above U+10FFFF. Repair replaces each *maximal subpart* of an ill-formed
// sequence with one U+FFFD, the practice recommended by Unicode (section 3.9) and required by the
// WHATWG encoding standard, so the count of replacements matches what ICU and browsers report
// for the same bytes. NUL and other control characters are valid UTF-8 and left alone; removing
// them is a normalisation stage's decision, not a decoder's.
//
// Pure functions on caller-owned memory; thread-safe.
#ifndef TAMIS_READERS_UTF8_H_
#define TAMIS_READERS_UTF8_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace tamis {

// True if `bytes` is well-formed UTF-8. ASCII runs are checked eight bytes at a time.
bool IsValidUtf8(std::string_view bytes);

// Appends `bytes` to `*out` with each maximal ill-formed subpart replaced by U+FFFD (EF BF BD).
// Returns the number of replacements made.
uint64_t AppendRepairedUtf8(std::string_view bytes, std::string* out);

// Returns `bytes` repaired as above. If `replaced` is not null, adds the number of replacements
// to `*replaced` (adds, so a caller can total over many fields).
std::string RepairUtf8(std::string_view bytes, uint64_t* replaced);

}  // namespace tamis

#endif  // TAMIS_READERS_UTF8_H_
