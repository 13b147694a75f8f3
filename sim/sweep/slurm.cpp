#include "sim/sweep/slurm.hpp"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <thread>

namespace fleettwin::sweep {
namespace fs = std::filesystem;

namespace {

// Single-quoted for the shell.
std::string shell_quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs a command, its output captured; returns the exit status (-1 if it could not start).
int run_capture(const std::string& command, std::string& output) {
  output.clear();
  FILE* p = ::popen((command + " 2>&1").c_str(), "r");
  if (!p) return -1;
  std::array<char, 4096> buf{};
  while (size_t n = std::fread(buf.data(), 1, buf.size(), p)) output.append(buf.data(), n);
  const int st = ::pclose(p);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

SlurmSubmission submit_slurm(const SweepDir& dir, const std::vector<size_t>& runs, const SlurmOptions& o) {
  SlurmSubmission sub;
  sub.runs = runs.size();
  if (runs.empty()) return sub;
  const fs::path folder = fs::absolute(fs::path(dir.path()) / "slurm");
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) throw SweepDirError(folder.string() + ": cannot create: " + ec.message());
  const std::string exe = executable_path();
  const std::string abs_dir = fs::absolute(dir.path()).lexically_normal().string();
  // A fresh name for this submission's arrays, so that earlier ones' task lists stay as they were.
  size_t submission = 0;
  while (fs::exists(folder / ("s" + std::to_string(submission) + "-a0.sh"), ec)) ++submission;
  const size_t max_array = std::max<size_t>(1, o.max_array);
  for (size_t first = 0, a = 0; first < runs.size(); first += max_array, ++a) {
    const size_t n = std::min(max_array, runs.size() - first);
    const std::string stem = "s" + std::to_string(submission) + "-a" + std::to_string(a);
    const fs::path tasks = folder / (stem + ".tasks"), script = folder / (stem + ".sh");
    std::ostringstream list;
    for (size_t k = 0; k < n; ++k) list << runs[first + k] << "\n";
    write_atomically(tasks.string(), list.str());
    std::ostringstream sh;
    sh << "#!/bin/bash\n"
       << "# fleettwin sweep " << abs_dir << ": array " << a << " of submission " << submission << ", " << n
       << " runs (line k+1 of " << tasks.filename().string() << " is the run of task k)\n"
       << "#SBATCH --job-name=fleettwin-" << fs::path(abs_dir).filename().string() << "\n"
       << "#SBATCH --array=0-" << n - 1 << (o.concurrent ? "%" + std::to_string(o.concurrent) : "") << "\n"
       << "#SBATCH --ntasks=1\n#SBATCH --cpus-per-task=1\n"
       << "#SBATCH --output=" << (folder / (stem + "-%a.out")).string() << "\n";
    if (!o.partition.empty()) sh << "#SBATCH --partition=" << o.partition << "\n";
    if (!o.time.empty()) sh << "#SBATCH --time=" << o.time << "\n";
    sh << "set -euo pipefail\n"
       << "index=$(sed -n \"$((SLURM_ARRAY_TASK_ID + 1))p\" " << shell_quoted(tasks.string()) << ")\n"
       << "exec " << shell_quoted(exe) << " sweep-task " << shell_quoted(abs_dir) << " --index \"$index\"\n";
    write_atomically(script.string(), sh.str());
    ::chmod(script.c_str(), 0755);
    sub.scripts.push_back(script.string());
    const std::string command = "sbatch --parsable " + shell_quoted(script.string());
    if (o.dry_run) {
      std::cout << command << "\n";
      continue;
    }
    std::string output;
    int status = -1;
    for (int attempt = 1; attempt <= std::max(1, o.attempts); ++attempt) {
      status = run_capture(command, output);
      if (status == 0) break;
      if (status == 127 || output.find("not found") != std::string::npos) break;  // no sbatch: retrying is futile
      std::cerr << "sbatch failed (attempt " << attempt << "): " << trimmed(output) << "\n";
      if (attempt < o.attempts) std::this_thread::sleep_for(std::chrono::seconds(1 << attempt));
    }
    if (status != 0)
      throw SweepDirError("sbatch " + script.string() + " failed" +
                          (status == 127 ? " (is SLURM installed? sbatch was not found)" : "") + ": " +
                          trimmed(output) + (sub.job_ids.empty() ? "" : " (arrays submitted before it: " +
                                                                            std::to_string(sub.job_ids.size()) + ")"));
    const std::string id = trimmed(output).substr(0, trimmed(output).find(';'));
    sub.job_ids.push_back(id);
    std::cout << "submitted " << script.filename().string() << " (" << n << " runs) as job " << id << "\n";
  }
  return sub;
}

}  // namespace fleettwin::sweep
