// coffman-check's command line (parsed by hand so --help shows only ours).
#ifndef COFFMAN_DRIVER_OPTIONS_H
#define COFFMAN_DRIVER_OPTIONS_H

#include "driver/Output.h"

#include <string>
#include <vector>

namespace coffman {
namespace driver {

struct Options {
  std::string buildDir;
  std::vector<std::string> files;
  unsigned jobs = 1;
  Format format = Format::Text;
  std::string output;   // -o; empty = stdout
  std::string checks = "coffman-*";
  bool exitZero = false;
  std::string mergeDir; // --merge DIR
  std::string factsDir; // --facts-dir DIR
  // --unsaved=FILE=CONTENTS: analyse CONTENTS as FILE (editor buffers)
  std::vector<std::pair<std::string, std::string>> unsaved;
  bool help = false;
  bool version = false;
  std::string color = "auto"; // --color=auto|always|never
};

// false (and `error`) on a bad command line.
bool parseOptions(int argc, char **argv, Options &o, std::string &error);
const char *usageText();

} // namespace driver
} // namespace coffman

#endif
