// JSON form of the facts model, one document per translation unit
// (`<tu>.coffman.json`), so facts computed by a compiler plugin or another
// machine can be merged later without parsing C again.
#ifndef COFFMAN_FACTS_FACTSJSON_H
#define COFFMAN_FACTS_FACTSJSON_H

#include "facts/Facts.h"

#include <string>

namespace coffman {
namespace facts {

std::string toJson(const TranslationUnit &tu);
// Returns false and sets `error` on malformed input or a version mismatch.
bool fromJson(const std::string &text, TranslationUnit &tu, std::string &error);

} // namespace facts
} // namespace coffman

#endif
