#!/usr/bin/env bash
# The agent's start-up profile (docs/benchmarks/startup-profile.md): classes loaded and CPU time of tiny mains
# with no agent, a do-nothing agent (the benchmarks jar's FloorAgent) and the statickeys agent (default settings).
# Usage: benchmarks/startup/profile.sh [runs]   (after mvn -B -q package -DskipTests; runs default 11)
# Class counts are deterministic; CPU and wall times are medians and move with the machine's load.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-11}"
VERSION=0.1.0-SNAPSHOT
API="$PWD/api/target/statickeys-api-$VERSION.jar"
AGENT="${AGENT_JAR:-$PWD/agent/target/statickeys-agent-$VERSION.jar}"
FLOOR="$PWD/benchmarks/target/benchmarks.jar"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cat > "$WORK/Empty.java" <<'JAVA'
public class Empty { public static void main(String[] args) {} }
JAVA
cat > "$WORK/OneSite.java" <<'JAVA'
import dev.statickeys.StaticKey;
public class OneSite {
    static final StaticKey KEY = StaticKey.defineFalse("bench.startup");
    public static void main(String[] args) { if (KEY.isEnabled()) { System.out.println("enabled"); } }
}
JAVA
javac -cp "$API" -d "$WORK" "$WORK/Empty.java" "$WORK/OneSite.java"
python3 - "$RUNS" "$API:$WORK" "$FLOOR" "$AGENT" <<'PY'
import resource, statistics, subprocess, sys, time
runs, cp, floor, agent = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
configs = {"no agent": [], "do-nothing agent": ["-javaagent:" + floor + "=unchangedTransformer"],
           "statickeys": ["-javaagent:" + agent]}
def classes(args, prog):
    out = subprocess.run(["java"] + args + ["-Xlog:class+load", "-cp", cp, prog], capture_output=True, text=True).stdout
    return sum(1 for line in out.splitlines() if "class,load" in line)
times = {}
for _ in range(runs):
    for prog in ("Empty", "OneSite"):
        for name, args in configs.items():
            before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.time()
            subprocess.run(["java"] + args + ["-cp", cp, prog], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            wall, after = time.time() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
            times.setdefault((prog, name), []).append((cpu * 1000, wall * 1000))
print("| program | agent | classes loaded | CPU ms (median) | wall ms (median) |")
print("|---|---|---|---|---|")
for (prog, name), values in times.items():
    print(f"| `{prog}` | {name} | {classes(configs[name], prog)} | {statistics.median(v[0] for v in values):.0f}"
          f" | {statistics.median(v[1] for v in values):.0f} |")
PY
