#include "sim/sweep/sweep_dir.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sim/output/h5.hpp"
#include "version.hpp"

namespace fleettwin::sweep {
namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

constexpr const char* kFormat = "fleettwin-sweep 1";
constexpr std::array<const char*, 4> kStateNames = {"missing", "running", "done", "failed"};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SweepDirError(path + ": cannot read: " + std::strerror(errno));
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string hex(uint32_t v) {
  char b[16];
  std::snprintf(b, sizeof b, "%08x", v);
  return b;
}

Json to_json(const Manifest& m) {
  Json runs = Json::array();
  for (const auto& r : m.runs)
    runs.push_back({{"name", r.name}, {"point", r.point}, {"replica", r.replica}, {"seed", r.seed}});
  return {{"format", kFormat},
          {"program", m.program},
          {"program_digest", m.program_digest},
          {"sweep_file", m.sweep_file},
          {"base", m.base_path},
          {"base_digest", m.base_digest},
          {"base_seed", m.base_seed},
          {"seeds", m.seeds},
          {"axes", m.axis_names},
          {"keys", m.axis_keys},
          {"points", m.points},
          {"sets", m.sets},
          {"size", m.size},
          {"replicas", m.replicas},
          {"metrics", m.metrics},
          {"series", m.series},
          {"runs", runs}};
}

Manifest from_json(const Json& j, const std::string& where) {
  try {
    if (j.at("format") != kFormat) throw SweepDirError(where + ": not a fleettwin sweep manifest");
    Manifest m;
    m.program = j.at("program");
    m.program_digest = j.at("program_digest");
    m.sweep_file = j.at("sweep_file");
    m.base_path = j.at("base");
    m.base_digest = j.at("base_digest");
    m.base_seed = j.at("base_seed");
    m.seeds = j.at("seeds");
    m.axis_names = j.at("axes").get<std::vector<std::string>>();
    m.axis_keys = j.at("keys").get<std::vector<std::string>>();
    m.points = j.at("points").get<std::vector<std::vector<std::string>>>();
    m.sets = j.at("sets").get<std::vector<std::vector<std::string>>>();
    m.size = j.at("size").get<std::vector<double>>();
    m.replicas = j.at("replicas");
    m.metrics = j.at("metrics").get<std::vector<std::string>>();
    m.series = j.at("series").get<std::vector<std::string>>();
    for (const auto& r : j.at("runs"))
      m.runs.push_back({r.at("point"), r.at("replica"), r.at("seed"), r.at("name")});
    if (m.runs.size() != m.points.size() * m.replicas || m.sets.size() != m.points.size())
      throw SweepDirError(where + ": the manifest's runs do not match its points and replicas");
    return m;
  } catch (const nlohmann::json::exception& e) {
    throw SweepDirError(where + ": damaged manifest: " + e.what());
  }
}

Manifest manifest_of(const SweepSpec& spec) {
  Manifest m;
  m.program = program_name();
  m.program_digest = program_digest();
  m.sweep_file = fs::absolute(spec.source).lexically_normal().string();
  m.base_path = fs::absolute(spec.base_path).lexically_normal().string();
  m.base_digest = text_digest(spec.base_text);
  m.base_seed = spec.base_seed;
  m.seeds = spec.seeds == SeedMode::Common ? "common" : "independent";
  for (const auto& a : spec.axes) {
    m.axis_names.push_back(a.name);
    m.axis_keys.push_back(a.key);
  }
  for (const auto& p : spec.points) {
    std::vector<std::string> texts;
    for (const auto& v : p) texts.push_back(v.text);
    m.points.push_back(std::move(texts));
  }
  m.sets = spec.sets;
  m.size = spec.size;
  m.replicas = spec.replicas;
  m.metrics = spec.metrics;
  m.series = spec.series;
  for (size_t i = 0; i < spec.runs(); ++i) {
    const RunSpec r = spec.run(i);
    m.runs.push_back({r.point, r.replica, r.seed, r.name});
  }
  return m;
}

void make_folders(const std::string& dir) {
  for (const char* sub : {"", "runs", "status", "logs"}) {
    std::error_code ec;
    fs::create_directories(fs::path(dir) / sub, ec);
    if (ec) throw SweepDirError(dir + ": cannot create " + (fs::path(dir) / sub).string() + ": " + ec.message());
  }
}

void check_program(const Manifest& m, const std::string& dir) {
  if (m.program != program_name() || m.program_digest != program_digest())
    throw SweepDirError(dir + ": its runs were made by another build of the program (" + m.program + ", digest " +
                        m.program_digest + "; this is " + program_name() + ", digest " + program_digest() +
                        "): results of two programs are not mixed. Write to a new folder, or remove this one");
}

}  // namespace

namespace {
std::string& program_path_override() {
  static std::string path;
  return path;
}
}  // namespace

void set_program_path(const std::string& path) { program_path_override() = path; }

std::string executable_path() {
  if (!program_path_override().empty()) return program_path_override();
  std::error_code ec;
  const auto p = fs::read_symlink("/proc/self/exe", ec);
  if (ec) throw SweepDirError("cannot find the running program (/proc/self/exe): " + ec.message());
  return p.string();
}

std::string program_name() { return std::string("fleettwin ") + kVersion; }

std::string program_digest() {
  static const std::string digest = [] {
    const std::string bytes = read_file(executable_path());
    return hex(h5::crc32(0, bytes.data(), bytes.size()));
  }();
  return digest;
}

std::string text_digest(const std::string& text) { return hex(h5::crc32(0, text.data(), text.size())); }

void write_atomically(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      std::error_code ec;
      fs::remove(tmp, ec);
      throw SweepDirError(path + ": cannot write: " + std::strerror(errno));
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw SweepDirError(path + ": cannot write: " + ec.message());
  }
}

SweepDir SweepDir::prepare(const std::string& dir, const SweepSpec& spec) {
  SweepDir d;
  d.dir_ = dir;
  d.manifest_ = manifest_of(spec);
  const std::string manifest_path = (fs::path(dir) / "manifest.json").string();
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) throw SweepDirError(dir + ": exists and is not a folder");
  if (fs::exists(manifest_path, ec)) {
    const Manifest old = from_json(Json::parse(read_file(manifest_path), nullptr, false), manifest_path);
    check_program(old, dir);
    if (old.base_digest != d.manifest_.base_digest)
      throw SweepDirError(dir + ": the base scenario " + d.manifest_.base_path +
                          " changed since these runs were made: results of two scenarios are not mixed. Write to a "
                          "new folder, or remove this one");
    if (old.axis_keys != d.manifest_.axis_keys || old.points != d.manifest_.points || old.seeds != d.manifest_.seeds ||
        old.base_seed != d.manifest_.base_seed)
      throw SweepDirError(dir + ": was made for other points or seeds (" + std::to_string(old.points.size()) +
                          " points, seeds " + old.seeds + "): only replicas, metrics and series may change in a "
                          "folder. Write to a new folder");
  } else if (fs::exists(dir, ec) && !fs::is_empty(dir, ec)) {
    throw SweepDirError(dir + ": is a folder that is not a sweep's (no manifest.json) and not empty: give a new "
                        "folder, or an existing sweep's");
  }
  make_folders(dir);
  write_atomically(manifest_path, to_json(d.manifest_).dump(1) + "\n");
  return d;
}

SweepDir SweepDir::open(const std::string& dir, bool same_program) {
  const std::string manifest_path = (fs::path(dir) / "manifest.json").string();
  std::error_code ec;
  if (!fs::exists(manifest_path, ec)) throw SweepDirError(dir + ": not a sweep folder (no manifest.json)");
  SweepDir d;
  d.dir_ = dir;
  const Json j = Json::parse(read_file(manifest_path), nullptr, false);
  if (j.is_discarded()) throw SweepDirError(manifest_path + ": damaged manifest: not JSON");
  d.manifest_ = from_json(j, manifest_path);
  if (same_program) check_program(d.manifest_, dir);
  return d;
}

void SweepDir::check_base() const {
  std::string text;
  try {
    text = read_file(manifest_.base_path);
  } catch (const SweepDirError& e) {
    throw SweepDirError(dir_ + ": the base scenario is gone: " + e.what());
  }
  if (text_digest(text) != manifest_.base_digest)
    throw SweepDirError(dir_ + ": the base scenario " + manifest_.base_path +
                        " changed since the sweep was prepared: results of two scenarios are not mixed. Restore it, "
                        "or run the sweep in a new folder");
}

std::string SweepDir::run_file(size_t index) const {
  return (fs::path(dir_) / "runs" / (manifest_.runs.at(index).name + ".h5")).string();
}
std::string SweepDir::log_file(size_t index) const {
  return (fs::path(dir_) / "logs" / (manifest_.runs.at(index).name + ".log")).string();
}

RunStatus SweepDir::status(size_t index) const {
  const fs::path p = fs::path(dir_) / "status" / (manifest_.runs.at(index).name + ".json");
  RunStatus s;
  std::error_code ec;
  if (!fs::exists(p, ec)) return s;
  const Json j = Json::parse(read_file(p.string()), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return s;  // unreadable: as if missing, the run is redone
  const std::string state = j.value("state", "missing");
  for (size_t k = 0; k < kStateNames.size(); ++k)
    if (state == kStateNames[k]) s.state = static_cast<RunState>(k);
  s.error = j.value("error", "");
  s.exit_code = j.value("exit", 0);
  s.seconds = j.value("seconds", 0.0);
  s.host = j.value("host", "");
  s.pid = j.value("pid", int64_t{0});
  return s;
}

void SweepDir::write_status(size_t index, const RunStatus& s) const {
  Json j = {{"run", manifest_.runs.at(index).name},
            {"state", kStateNames[static_cast<size_t>(s.state)]},
            {"host", s.host},
            {"pid", s.pid}};
  if (s.state == RunState::Done || s.state == RunState::Failed) {
    j["exit"] = s.exit_code;
    j["seconds"] = s.seconds;
  }
  if (!s.error.empty()) j["error"] = s.error;
  write_atomically((fs::path(dir_) / "status" / (manifest_.runs.at(index).name + ".json")).string(), j.dump() + "\n");
}

bool SweepDir::needs_run(size_t index, bool retry_failed) const {
  const RunStatus s = status(index);
  std::error_code ec;
  if (s.state == RunState::Done) return !fs::exists(run_file(index), ec);
  if (s.state == RunState::Failed) return retry_failed;
  return true;
}

}  // namespace fleettwin::sweep
