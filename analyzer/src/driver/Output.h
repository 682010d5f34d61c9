// Findings rendered through the report layer (report/): compiler-style
// text, one JSON document {"version":1,"tool":"coffman-check","findings":[..]}
// or SARIF 2.1.0.  Files that could not be analysed are listed too.
#ifndef COFFMAN_DRIVER_OUTPUT_H
#define COFFMAN_DRIVER_OUTPUT_H

#include "checks/Finding.h"
#include "driver/Analyze.h"

#include <string>
#include <vector>

namespace coffman {
namespace driver {

enum class Format { Text, Json, Sarif };

std::string render(const std::vector<checks::Finding> &findings,
                   const std::vector<FileError> &errors, Format format,
                   bool color);

} // namespace driver
} // namespace coffman

#endif
