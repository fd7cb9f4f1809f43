#!/usr/bin/env bash
# The drift watch (.github/action/watch.yml) as a plain script, so it can run and be tested
# locally: compare the project's committed facts bundle with the live Hub (or with a newer
# bundle) and open, or update, one issue when something changed upstream.
#
# Inputs: WATCH_FACTS (the committed bundle, default licheck-facts.json), WATCH_AGAINST (`hub`,
# the default, or a newer bundle), WATCH_TITLE (the issue's title), WATCH_LABEL (added to a new
# issue; empty for none). GH names the GitHub CLI (default `gh`, which reads GH_TOKEN: the
# workflow's own token, with `issues: write`). LICHECK_PYTHON names a Python that can
# `import licheck` (default python3). GITHUB_STEP_SUMMARY, when set, gets the diff too.
#
# Exit codes are licheck facts diff's: 0 nothing raised a finding's severity (an issue may
# still have been opened for a lesser change), 1 a change raised one, 2 a usage or bundle
# error; a failing `gh` call fails the script.
set -euo pipefail

facts=${WATCH_FACTS:-licheck-facts.json}
against=${WATCH_AGAINST:-hub}
title=${WATCH_TITLE:-"licheck: upstream changes to this project's models"}
label=${WATCH_LABEL:-}
gh=${GH:-gh}
py=${LICHECK_PYTHON:-python3}
temp=${RUNNER_TEMP:-${TMPDIR:-/tmp}}
body="$temp/licheck-watch-body.md"
changes="$temp/licheck-watch.json"

say() { printf 'licheck-watch: %s\n' "$*" >&2; }

set +e
"$py" -I -m licheck facts diff "$facts" "$against" --format json >"$changes"
code=$?
set -e
if [ "$code" -ne 0 ] && [ "$code" -ne 1 ]; then
  say "licheck facts diff failed (exit $code)"
  exit "$code"
fi

# The issue body: one line per change, marked when it raised a finding's severity.
count=$("$py" -I - "$changes" "$body" "$facts" "$against" <<'PY'
import json, sys
changes, body, facts, against = sys.argv[1:5]
data = json.load(open(changes, encoding="utf-8"))
lines = [f"`licheck facts diff {facts} {against}` found these upstream changes:", ""]
for c in data["changes"]:
    where = c["revision"] or "default branch"
    mark = f" **(raises {', '.join(c['raises'])})**" if c["raises"] else ""
    lines.append(f"- `{c['model']}` @ {where}: {c['what']}: {c['old']} -> {c['new']}{mark}")
lines += ["", "Review the changes, then refresh the bundle with `licheck facts export`."]
open(body, "w", encoding="utf-8").write("\n".join(lines) + "\n")
print(len(data["changes"]))
PY
)

if [ "$count" -eq 0 ]; then
  say "no upstream change since $facts was recorded"
  exit "$code"
fi
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  cat "$body" >>"$GITHUB_STEP_SUMMARY"
fi

# One issue per title: find an open one (exact title), else open it.
number=$("$gh" issue list --state open --search "$title in:title" --json number,title --limit 100 |
  "$py" -I -c 'import json, sys
title = sys.argv[1]
print(next((str(i["number"]) for i in json.load(sys.stdin) if i["title"] == title), ""))' "$title")
if [ -n "$number" ]; then
  "$gh" issue comment "$number" --body-file "$body" >/dev/null
  say "$count change(s): commented on issue #$number"
else
  args=(issue create --title "$title" --body-file "$body")
  if [ -n "$label" ]; then
    args+=(--label "$label")
  fi
  "$gh" "${args[@]}" >/dev/null
  say "$count change(s): opened an issue"
fi
exit "$code"
