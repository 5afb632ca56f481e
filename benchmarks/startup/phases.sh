#!/usr/bin/env bash
# Where the first class with a site spends its time (docs/benchmarks/startup-profile.md): OneSite, as in
# profile.sh, under the statickeys agent (default settings), with -Xlog:class+load and nanosecond uptimes. A
# phase runs from the load of one marker class to the next; the medians of N runs are printed, and the
# classes loaded in each phase (the same in every run). The markers are the agent's own classes, loaded at
# the start of each step, so a renamed class needs a new marker here.
# Usage: benchmarks/startup/phases.sh [runs] [agent jar]   (after mvn -B -q package -DskipTests; runs default 11)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-11}"
VERSION=0.1.0-SNAPSHOT
API="$PWD/api/target/statickeys-api-$VERSION.jar"
AGENT="${2:-$PWD/agent/target/statickeys-agent-$VERSION.jar}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cat > "$WORK/OneSite.java" <<'JAVA'
import dev.statickeys.StaticKey;
public class OneSite {
    static final StaticKey KEY = StaticKey.defineFalse("bench.startup");
    public static void main(String[] args) { if (KEY.isEnabled()) { System.out.println("enabled"); } }
}
JAVA
javac -cp "$API" -d "$WORK" "$WORK/OneSite.java"
python3 - "$RUNS" "$API:$WORK" "$AGENT" "$WORK/log" <<'PY'
import re, statistics, subprocess, sys
runs, cp, agent, log = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
# (marker class, what starts when it loads)
MARKERS = [
    ("dev.statickeys.agent.boot.Trampoline$Core", "the core's module layer (first class naming the API)"),
    ("dev.statickeys.agent.Entry", "premain: options, logging, registry, backend, MXBean, capabilities"),
    ("dev.statickeys.agent.boot.Bridge", "linking the API's side; the transformer reads the loader's site tables"),
    ("dev.statickeys.agent.jvm.ClassScan", "the scan (ASM's reader, the site rule)"),
    ("dev.statickeys.agent.jvm.HolderClass", "the key's holder: generated and defined"),
    ("dev.statickeys.agent.jvm.ClassPatcher", "the patch (ASM's writer)"),
    ("OneSite", "OneSite defined: its linking, static initializer and main"),
]
line = re.compile(r"^\[(\d+)ns\] (\S+) source:")
phases = {name: [] for name, _ in MARKERS}
classes = {name: 0 for name, _ in MARKERS}
totals = []
for run in range(runs):
    subprocess.run(["java", "-javaagent:" + agent, "-Xlog:class+load:file=" + log + ":uptimenanos", "-cp", cp,
                    "OneSite"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    loads = [(int(m.group(1)), m.group(2)) for m in map(line.match, open(log)) if m]
    at = {}
    for nanos, name in loads:
        at.setdefault(name, nanos)
    marks = [at[name] for name, _ in MARKERS] + [loads[-1][0]]
    for i, (name, _) in enumerate(MARKERS):
        phases[name].append((marks[i + 1] - marks[i]) / 1e6)
        if run == 0:
            classes[name] = sum(1 for nanos, _ in loads if marks[i] <= nanos < marks[i + 1])
    totals.append((marks[-1] - marks[0]) / 1e6)
print(f"| from the load of | phase | ms (median of {runs}) | classes loaded |")
print("|---|---|---|---|")
for name, what in MARKERS:
    print(f"| `{name}` | {what} | {statistics.median(phases[name]):.1f} | {classes[name]} |")
print(f"| | in all, to the last class loaded | {statistics.median(totals):.1f} | |")
PY
