#!/usr/bin/env bash
# The licheck GitHub Action (action.yml) as a plain script, so it can run and be tested locally.
#
# Inputs arrive as INPUT_PATH, INPUT_FAIL_ON, INPUT_FORMAT, INPUT_VERSION, INPUT_EXTRA_ARGS,
# INPUT_OUTPUT_DIR, INPUT_FACTS and INPUT_EXPORT_FACTS. GitHub provides GITHUB_WORKSPACE, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY,
# RUNNER_TEMP and GITHUB_ACTION_PATH; each has a local fallback. LICHECK_PYTHON, when set, names
# a Python that can already `import licheck`, and nothing is installed (tests use this).
#
# It installs licheck into a private virtualenv, runs one scan that writes the chosen report
# formats, a Markdown summary and a JSON copy (for the finding count), appends the summary to
# the step summary and sets the outputs sarif-file, report-dir, finding-count and exit-code
# (and, with export-facts, writes the facts bundle the scan used and sets facts-file).
# Only then does it exit with licheck's own code: 0 clean, 1 findings at or above fail-on,
# 2 usage or configuration error, 3 unverified under --strict or an internal error.
#
# Every Python it starts runs isolated (-I): the working directory is the checked-out pull
# request, and without -I a `json.py` or `shlex.py` there would run inside a job holding
# HF_TOKEN. tests/faults/test_hostile_workspace.py keeps it that way.
set -euo pipefail

workspace=${GITHUB_WORKSPACE:-$PWD}
action_path=${GITHUB_ACTION_PATH:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
scan_path=${INPUT_PATH:-.}
fail_on=${INPUT_FAIL_ON:-high}
formats=${INPUT_FORMAT:-sarif}
version=${INPUT_VERSION:-}
extra=${INPUT_EXTRA_ARGS:-}
temp=${RUNNER_TEMP:-${TMPDIR:-/tmp}}
out_dir=${INPUT_OUTPUT_DIR:-$temp/licheck}
facts=${INPUT_FACTS:-}
export_facts=${INPUT_EXPORT_FACTS:-}

say() { printf 'licheck-action: %s\n' "$*" >&2; }

group() { if [ "${GITHUB_ACTIONS:-}" = true ]; then echo "::group::$*"; fi; }

endgroup() { if [ "${GITHUB_ACTIONS:-}" = true ]; then echo "::endgroup::"; fi; }

set_output() {
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
  else
    printf '%s=%s\n' "$1" "$2"
  fi
}

extension() {
  case "$1" in
    sarif) echo sarif ;;
    json) echo json ;;
    markdown) echo md ;;
    cyclonedx) echo cdx.json ;;
    text) echo txt ;;
    *) echo out ;; # licheck itself rejects the name, with the list of valid ones
  esac
}

install() {
  if [ -n "${LICHECK_PYTHON:-}" ]; then
    py=$LICHECK_PYTHON
    return
  fi
  local venv="$temp/licheck-venv" spec base
  base=$(command -v python3 || command -v python || true)
  # A private virtualenv: runner images mark the system Python as externally managed.
  if [ -z "$base" ] || ! "$base" -I -m venv "$venv"; then
    say "could not create a virtualenv; add actions/setup-python (3.10 or newer) before licheck"
    exit 2
  fi
  py="$venv/bin/python"
  if [ ! -x "$py" ]; then py="$venv/Scripts/python.exe"; fi # Windows runners
  # The fast extra: CI scans whole repositories, where the prefilter accelerator pays off.
  if [ -n "$version" ]; then spec="licheck[fast]==$version"; else spec="$action_path[fast]"; fi
  group "Install licheck (${spec})"
  "$py" -I -m pip install --quiet --disable-pip-version-check "$spec"
  endgroup
}

cd "$workspace"
install
mkdir -p "$out_dir"
out_dir=$(cd "$out_dir" && pwd)
work=$(mktemp -d "$temp/licheck-run.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Quotes in extra-args group words as in a shell, without evaluating anything.
"$py" -I -c 'import shlex, sys; sys.stdout.write("\0".join(shlex.split(sys.argv[1])))' "$extra" \
  >"$work/extra" || {
  say "extra-args: cannot split ${extra@Q} into words"
  exit 2
}
mapfile -d '' -t extra_args <"$work/extra"

# Every --format with a file comes first: licheck pairs the n-th --output with the n-th
# --format, and the last, file-less text format goes to the job log.
args=(scan "$scan_path" --fail-on "$fail_on")
sarif_file=""
read -r -a format_list <<<"${formats//,/ }"
for fmt in "${format_list[@]}"; do
  file="$out_dir/licheck.$(extension "$fmt")"
  rm -f "$file" # a stale report from an earlier run must not pass for this one
  args+=(--format "$fmt" --output "$file")
  if [ "$fmt" = sarif ]; then sarif_file=$file; fi
done
args+=(--format markdown --output "$work/summary.md" --format json --output "$work/report.json")
args+=(--format text)
facts=${facts//,/ }
read -r -d '' -a facts_list <<<"${facts//$'\n'/ }" || true
for bundle in "${facts_list[@]}"; do
  args+=(--facts "$bundle")
done
args+=("${extra_args[@]}")

say "running: licheck $(printf '%q ' "${args[@]}")"
set +e
"$py" -I -m licheck "${args[@]}"
code=$?
set -e

count=""
if [ -s "$work/report.json" ]; then
  count=$("$py" -I -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["findings"]))' \
    "$work/report.json")
fi

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  if [ -s "$work/summary.md" ]; then
    # licheck keeps the Markdown under GitHub's 1 MiB step-summary limit itself.
    cat "$work/summary.md" >>"$GITHUB_STEP_SUMMARY"
  else
    printf '## licheck\n\nlicheck stopped with exit code %s before writing a report; ' "$code" \
      >>"$GITHUB_STEP_SUMMARY"
    printf 'the job log says why.\n' >>"$GITHUB_STEP_SUMMARY"
  fi
fi

# The export runs offline on the answers the scan just cached (LICHECK_CACHE_DIR), so it asks
# the Hub nothing more; it runs only after a scan that got as far as a report.
facts_file=""
if [ -n "$export_facts" ] && { [ "$code" -eq 0 ] || [ "$code" -eq 1 ]; }; then
  mkdir -p "$(dirname "$export_facts")"
  if "$py" -I -m licheck facts export --offline --output "$export_facts" "$scan_path" --quiet; then
    facts_file=$(cd "$(dirname "$export_facts")" && pwd)/$(basename "$export_facts")
  else
    say "facts export failed; the scan's own exit code stands"
  fi
fi

if [ -n "$sarif_file" ] && [ ! -s "$sarif_file" ]; then sarif_file=""; fi
set_output facts-file "$facts_file"
set_output sarif-file "$sarif_file"
set_output report-dir "$out_dir"
set_output finding-count "$count"
set_output exit-code "$code"
if [ "$code" -ne 0 ]; then
  say "licheck exited with code $code (1: findings at or above '$fail_on'; 2: usage or config; 3: unverified under --strict, or an internal error)"
fi
exit "$code"
