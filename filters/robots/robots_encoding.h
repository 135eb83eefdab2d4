// Percent-encoding normalisation for robots.txt matching (RFC 9309 §2.2.2).
//
// A rule path and a URL path are compared only after both went through NormalizeRobotsPath,
// so that "/%62az", "/baz" and "/%62%61%7a" are the same path and a rule written in UTF-8
// ("/ツ") matches the percent-encoded URL ("/%E3%83%84"):
//   - "%XX" of an unreserved character (ALPHA / DIGIT / "-" / "." / "_" / "~") is decoded;
//   - any other "%XX" is kept encoded, with upper-case hex;
//   - octets outside printable US-ASCII (controls, space, DEL, every non-ASCII byte), and
//     the characters RFC 3986 never allows in a URI ("\"", "<", ">", "`", "{", "}") are
//     percent-encoded with upper-case hex;
//   - everything else, including "*" and "$" (pattern syntax) and the reserved characters,
//     is kept as written: RFC 9309 forbids decoding a reserved character.
// A "%" not followed by two hex digits is kept literally.
// The output bytes are pinned: snapshots and differential tests compare against them.
// Pure functions; thread-safe.
#ifndef TAMIS_FILTERS_ROBOTS_ROBOTS_ENCODING_H_
#define TAMIS_FILTERS_ROBOTS_ROBOTS_ENCODING_H_

#include <string>
#include <string_view>

namespace tamis::robots {

// Returns `path` in the normalised form described above.
std::string NormalizeRobotsPath(std::string_view path);

// Appends the normalised form of `path` to `*out` (no allocation when `*out` has room).
void AppendNormalizedRobotsPath(std::string_view path, std::string* out);

}  // namespace tamis::robots

#endif  // TAMIS_FILTERS_ROBOTS_ROBOTS_ENCODING_H_
