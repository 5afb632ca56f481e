NAV = lambda here: f"[Documentation index]({here}README.md) · [README]({here}../README.md)"

# ---------- guide ----------
write('docs/guide/usage.md', [
"# Usage\n",
"Declaring keys, checking them, flipping them, and what the smallest sample prints. How the checks behave is in",
"[Semantics](semantics.md); what the agent does to them is in [How patching works](../internals/patching.md).\n",
lines(27, 69), "",
shift(lines(463, 467), 0), "",
NAV('../'),
])
write('docs/guide/kotlin.md', ["# Kotlin\n", lines(73, 96), "", NAV('../')])
write('docs/guide/sample-service.md', ["# The sample service\n", lines(146, 190), "", NAV('../')])
write('docs/guide/semantics.md', ["# Semantics\n", lines(194, 245), "",
"The lock order behind serialization and nested flips: [Lock order](../internals/lock-order.md). Keys that",
"flip often: [Frequent flips](../internals/frequent-flips.md).\n", NAV('../')])
write('docs/guide/site-table.md', ["# Compile-time checks and the site table\n", lines(249, 285), "",
shift(lines(287, 366), -1), "", NAV('../')])
write('docs/guide/junit5.md', ["# Testing with JUnit 5\n", lines(370, 451), "",
"In a test JVM started without `-javaagent` the module loads the agent itself: see",
"[Integrations](../operations/integrations.md#junit-5-patched-sites-with-no-set-up).\n", NAV('../')])
write('docs/guide/limits.md', ["# Current limits\n", lines(1356, 1381), "", NAV('../')])

# ---------- operations ----------
write('docs/operations/options.md', ["# The agent and its options\n", lines(471, 504), "",
"How the agent patches classes once it runs: [How patching works](../internals/patching.md).\n", NAV('../')])
write('docs/operations/untrusted-inputs.md', ["# Inputs the agent does not trust\n", lines(610, 696), "", NAV('../')])
write('docs/operations/beside-other-agents.md', ["# Beside other agents and in containers\n", shift(lines(698, 754), -1), "", NAV('../')])
write('docs/operations/openfeature.md', [shift(lines(756, 850), -1), "", NAV('../')])
write('docs/operations/integrations.md', ["# Integrations\n",
"Modules that connect statickeys to what applications already run. Each carries its own dependencies;",
"nothing of them reaches the api or the agent jar.\n",
"## OpenFeature\n",
"Keys that follow OpenFeature boolean flags (`statickeys-openfeature`): [openfeature.md](openfeature.md).\n",
shift(lines(852, 864), 0), "",
"## JUnit 5: patched sites with no set-up\n",
"(The extension itself, `@EnableKeys`/`@DisableKeys` and `KeySwitch`: [Testing with JUnit 5](../guide/junit5.md).)\n",
lines(453, 461), "", NAV('../')])
write('docs/operations/logging.md', [shift(lines(868, 923), -2), "", NAV('../')])
write('docs/operations/jmx.md', [shift(lines(925, 966), -2), "", NAV('../')])
write('docs/operations/threads.md', [shift(lines(968, 995), -2), "", NAV('../')])
write('docs/operations/jfr.md', [shift(lines(997, 1015), -2), "", NAV('../')])
write('docs/operations/attach.md', [shift(lines(1017, 1133), -2), "", NAV('../')])

# ---------- internals ----------
write('docs/internals/patching.md', ["# How patching works\n",
"What the agent does to classes, from load to flip. Which of the two forms a site takes is chosen per JVM with",
"`backend=`: see [Backends](backends.md).\n",
shift(lines(98, 142), -1), "",
"## From load to flip\n",
lines(506, 535), lines(547, 555), "",
"The lock order, with why the class-loading path never takes the flip lock: [Lock order](lock-order.md).\n",
NAV('../')])
write('docs/internals/lock-order.md', ["# Lock order\n",
"What the agent locks, in which order, and what it never holds while the JVM or another agent may load a class.\n",
lines(536, 546), "",
"## Nested flips\n",
"A flip attempted on a thread that is already patching sites for a flip is refused before anything changes: see",
"the \"Nested flips\" rule in [Semantics](../guide/semantics.md). Together with the lock order above this means a",
"transformer of another agent can neither deadlock with a flip nor re-enter one.\n",
NAV('../')])
write('docs/internals/isolation.md', ["# Isolation: what application code can reach\n", lines(559, 606), "", NAV('../')])
write('docs/internals/backends.md', ["# Backends\n", lines(1137, 1137), "",
"The trade-off in one table is in the [README](../../README.md#backends). Why the default is what it is, and what",
"`backend=inline` does to running frames:\n",
lines(1149, 1166), "", NAV('../')])
write('docs/internals/frequent-flips.md', ["# Frequent flips\n", lines(1170, 1198), "",
shift(lines(1200, 1222), -1), "", NAV('../')])

# ---------- benchmarks, building ----------
write('docs/benchmarks/README.md', [shift(lines(1224, 1337), -1), "", NAV('../')])
write('docs/building.md', ["# Building and testing\n",
"The two commands at the top of the [README](../README.md) build and run everything; this page says what",
"`mvn -B verify` checks. Where each module and package sits: [Layout](internals/layout.md).\n",
lines(1385, 1461), "", NAV('')])
