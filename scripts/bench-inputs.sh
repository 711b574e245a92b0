#!/usr/bin/env bash
# Inputs a learner or an author can easily produce that once ran for minutes, took gigabytes or crashed: each must
# finish or be refused within 20 s and 1 GB. Prints `inputs_NAME: SECONDS s, MEGABYTES MB, exit STATUS` per input.
# Usage: scripts/bench-inputs.sh PATH/TO/giltutor
set -uo pipefail
giltutor=$(realpath "$1")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1

measure() { # NAME COMMAND...: time and peak memory of one run, its output thrown away
  local name=$1
  shift
  /usr/bin/time -q -f '%e %M' -o time.txt timeout 120 "$@" >/dev/null 2>&1
  local status=$?
  read -r seconds kilobytes <time.txt
  printf 'inputs_%s: %s s, %d MB, exit %s\n' "$name" "$seconds" "$((kilobytes / 1024))" "$status"
}

printf 'cores: 1024\nthread t x 1000:\n    compute 4s\n' >cores1024.scenario
printf 'thread t x 1000:\n    compute 4s\n' >threads1000.scenario
printf 'thread a:\n    compute 7200s\nthread b:\n    io 1ms\n' >hours.scenario
printf 'thread a:\n    compute 9223372036854775807ns\n' >overflow.scenario
measure simulate_1000_threads_1024_cores "$giltutor" simulate cores1024.scenario --format json
measure simulate_1000_threads_2_cores "$giltutor" simulate threads1000.scenario --format json
measure simulate_7200s_beside_io "$giltutor" simulate hours.scenario
measure simulate_overflowing_duration "$giltutor" simulate overflow.scenario
# A long loop in two threads: 70 million events, counted and not kept, run whole in text and JSON.
printf 'shared c = 0\nthread t x 2:\n    repeat 5000000:\n        c += 1\n' >loop5m.scenario
measure simulate_5m_iteration_loop_json "$giltutor" simulate loop5m.scenario --format json --interpreter 3.12
# The same loop kept in a trace file: past 4 million events the run is kept as a lean trace (a few thousand events).
measure simulate_5m_iteration_loop_trace "$giltutor" simulate loop5m.scenario --format trace --output loop5m.gtrace \
  --interpreter 3.12

# A course whose quiz names a scenario that runs long: the quiz simulates it within the lessons' budget.
mkdir home
cp -R "$root/Tests/Fixtures/Lessons" home/Lessons
printf 'shared c = 0\nthread t x 4:\n    repeat 100000000:\n        c += 1\n' >home/Lessons/scenarios/long.scenario
{
  printf 'question: timeline\ntopic: x\nscenario: long\nask: final c\ntext: How many?\nexplain: {answer}\n\n'
  for i in $(seq 1 15); do printf 'question: truefalse\ntopic: x\ntext: Q%s\nanswer: true\nexplain: e\n\n' "$i"; done
} >home/Lessons/en/01-what-is-the-gil.quiz
measure quiz_long_scenario env GILTUTOR_HOME="$work/home" bash -c "printf 'q\\n' | '$giltutor' quiz 1 --plain --lang en"

# Lessons: a 160 KB line of unclosed emphasis markers, and a 50 MB lesson.
mkdir -p lint-line/en lint-big/en
{ printf '# Markers\n\n## Page\n\n'; head -c 160000 /dev/zero | tr '\0' '*' | sed 's/\*\*/*_/g'; printf '\n'; } \
  >lint-line/en/01-x.md
{ printf '# Big\n\n## Page\n\n'; yes 'Some text that goes on and on, *with emphasis* and `code`.' | head -c 50000000; } \
  >lint-big/en/01-x.md
measure lint_160k_marker_line "$giltutor" lint lint-line
measure lint_50mb_lesson "$giltutor" lint lint-big

# Chrome trace JSON: 50,000 processes, a 200 MB file (over the limit) and one just under the limit.
python3 - <<'EOF'
import json
with open("pids.json", "w") as f:
    json.dump([{"ph": "X", "pid": p, "tid": 1, "ts": p, "dur": 1, "name": "f"} for p in range(50000)], f)
event = '{"ph": "X", "pid": 1, "tid": %d, "ts": %d, "dur": 5, "name": "running"}'
for name, count in [("big.json", 2_700_000), ("limit.json", 850_000)]:
    with open(name, "w") as f:
        f.write('{"traceEvents": [')
        f.write(",\n".join(event % (i % 8, i * 10) for i in range(count)))
        f.write("]}")
EOF
measure replay_50000_pids "$giltutor" replay pids.json --plain
measure replay_200mb_chrome "$giltutor" replay big.json --plain
measure replay_63mb_chrome "$giltutor" replay limit.json --plain

# A trace file whose first event time is the largest time there is.
"$giltutor" simulate "$root/Tests/Fixtures/Lessons/scenarios/convoy.scenario" --format trace --output w.gtrace
printf '\xff\xff\xff\xff\xff\xff\xff\x7f' | dd of=w.gtrace bs=1 seek=510 conv=notrunc status=none
measure replay_damaged_trace "$giltutor" replay w.gtrace --plain
