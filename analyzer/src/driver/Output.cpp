#include "driver/Output.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

namespace coffman {
namespace driver {

using checks::Finding;
using checks::ReportView;

static std::string take(coffman_buf &b) {
  std::string s = b.data && !b.failed ? std::string(b.data, b.len) : "";
  coffman_buf_free(&b);
  return s;
}

static std::string text(const std::vector<Finding> &fs,
                        const std::vector<FileError> &errors, bool color) {
  coffman_buf b;
  coffman_buf_init(&b);
  for (const FileError &e : errors)
    coffman_buf_printf(&b, "%s: error: could not analyse: %s\n",
                       e.file.c_str(), e.message.c_str());
  for (const Finding &f : fs) {
    ReportView v;
    checks::toReport(f, v);
    coffman_format_compiler(&b, &v.finding, color);
  }
  return take(b);
}

static std::string json(const std::vector<Finding> &fs,
                        const std::vector<FileError> &errors) {
  std::string out = "{\"version\":1,\"tool\":\"coffman-check\",\"findings\":[";
  for (size_t i = 0; i < fs.size(); i++) {
    ReportView v;
    checks::toReport(fs[i], v);
    coffman_buf b;
    coffman_buf_init(&b);
    coffman_format_json(&b, &v.finding, "coffman-check");
    std::string obj = take(b);
    while (!obj.empty() && (obj.back() == '\n' || obj.back() == ' '))
      obj.pop_back();
    out += (i ? ",\n" : "\n") + obj;
  }
  out += "],\n\"errors\":";
  llvm::json::Array errs;
  for (const FileError &e : errors)
    errs.push_back(llvm::json::Object{{"file", e.file}, {"message", e.message}});
  std::string e;
  llvm::raw_string_ostream os(e);
  os << llvm::json::Value(std::move(errs));
  out += os.str() + "}\n";
  return out;
}

static std::string sarif(const std::vector<Finding> &fs) {
  coffman_sarif *s = coffman_sarif_new("coffman-check", COFFMAN_VERSION);
  for (const Finding &f : fs) {
    ReportView v;
    checks::toReport(f, v);
    coffman_sarif_add(s, &v.finding);
  }
  coffman_buf b;
  coffman_buf_init(&b);
  coffman_sarif_finish(s, &b);
  coffman_sarif_free(s);
  return take(b);
}

std::string render(const std::vector<Finding> &findings,
                   const std::vector<FileError> &errors, Format format,
                   bool color) {
  switch (format) {
  case Format::Json:
    return json(findings, errors);
  case Format::Sarif:
    return sarif(findings);
  case Format::Text:
    break;
  }
  return text(findings, errors, color);
}

} // namespace driver
} // namespace coffman
