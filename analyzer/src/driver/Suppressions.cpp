#include "driver/Suppressions.h"

#include "driver/CheckFilter.h"

#include <cctype>
#include <fstream>

namespace coffman {
namespace driver {

bool markerCovers(const std::string &line, const std::string &marker,
                  const std::string &check) {
  size_t pos = 0;
  while ((pos = line.find(marker, pos)) != std::string::npos) {
    size_t end = pos + marker.size();
    pos = end;
    // NOLINT must not match the NOLINT of NOLINTNEXTLINE/NOLINTBEGIN.
    if (end < line.size() && std::isalpha(static_cast<unsigned char>(line[end])))
      continue;
    if (end >= line.size() || line[end] != '(')
      return true;
    size_t close = line.find(')', end);
    if (close == std::string::npos)
      return true;
    std::string list = line.substr(end + 1, close - end - 1);
    size_t s = 0;
    while (s <= list.size()) {
      size_t comma = list.find(',', s);
      std::string g = list.substr(s, comma == std::string::npos
                                         ? std::string::npos
                                         : comma - s);
      size_t b = g.find_first_not_of(' '), e = g.find_last_not_of(' ');
      if (b != std::string::npos && globMatch(g.substr(b, e - b + 1), check))
        return true;
      if (comma == std::string::npos)
        break;
      s = comma + 1;
    }
  }
  return false;
}

const std::vector<std::string> &Suppressions::lines(const std::string &file) {
  auto it = files_.find(file);
  if (it != files_.end())
    return it->second;
  std::vector<std::string> &v = files_[file];
  std::ifstream in(file);
  std::string l;
  while (std::getline(in, l))
    v.push_back(l);
  return v;
}

bool Suppressions::suppressed(const checks::Finding &f) {
  const std::vector<std::string> &ls = lines(f.loc.file);
  std::string check = f.checkName();
  unsigned n = f.loc.line;
  if (n >= 1 && n <= ls.size() && markerCovers(ls[n - 1], "NOLINT", check))
    return true;
  return n >= 2 && n - 1 <= ls.size() &&
         markerCovers(ls[n - 2], "NOLINTNEXTLINE", check);
}

void removeSuppressed(std::vector<checks::Finding> &findings) {
  Suppressions s;
  std::vector<checks::Finding> kept;
  for (checks::Finding &f : findings)
    if (!s.suppressed(f))
      kept.push_back(std::move(f));
  findings.swap(kept);
}

} // namespace driver
} // namespace coffman
