import pathlib
R = {
 'docs/guide/junit5.md': [('see "Backends")', 'see [Backends](../internals/backends.md))')],
 'docs/guide/sample-service.md': [('The first command above runs', 'The first command of the [README](../../README.md) runs')],
 'docs/guide/limits.md': [('see "Isolation")', 'see [Isolation](../internals/isolation.md))'),
    ('(see "Logging" and "JMX")', '(see [Logging](../operations/logging.md) and [JMX](../operations/jmx.md))'),
    ('(see "Lock order")', '(see [Lock order](../internals/lock-order.md))'),
    ('(see "Benchmarks")', '(see [Benchmarks](../benchmarks/README.md))'),
    ('[docs/x86-simulation.md](docs/x86-simulation.md#limits)', '[x86-simulation.md](../x86-simulation.md#limits)')],
 'docs/guide/semantics.md': [('see "Backends".', 'see [Backends](../internals/backends.md).'),
    '(see "Failures" under "The agent")', ],
 'docs/operations/openfeature.md': [('[docs/openfeature.md](docs/openfeature.md)', '[the engineering notes](../openfeature.md)')],
 'docs/operations/options.md': [('(see "Isolation")', '(see [Isolation](../internals/isolation.md))'),
    ('See "Backends".', 'See [Backends](../internals/backends.md).'),
    ('See "Frequent flips".', 'See [Frequent flips](../internals/frequent-flips.md).'),
    ('See "Inputs the agent does not trust".', 'See [Inputs the agent does not trust](untrusted-inputs.md).'),
    ('see "What the agent does with the tables")', 'see [What the agent does with the tables](../guide/site-table.md#what-the-agent-does-with-the-tables))'),
    ('see "Operating it")', 'see [JMX](jmx.md))')],
 'docs/operations/logging.md': [('The "Current limits" paragraph', 'The [Current limits](../guide/limits.md) paragraph')],
 'docs/operations/integrations.md': [('[docs/spring-boot.md](docs/spring-boot.md)', '[spring-boot.md](../spring-boot.md)'),
    ('[docs/junit5.md](docs/junit5.md)', '[junit5.md](../junit5.md)')],
 'docs/operations/beside-other-agents.md': [('(see "Threads")', '(see [Threads](threads.md))'),
    ('[docs/production-trust/](docs/production-trust/README.md)', '[production-trust/](../production-trust/README.md)')],
 'docs/internals/frequent-flips.md': [('see "Benchmarks" below', 'see [Benchmarks](../benchmarks/README.md)')],
 'docs/internals/backends.md': [('(see "How it\nworks")', '(see [How patching\nworks](patching.md))')],
 'docs/benchmarks/README.md': [('the numbers quoted in this README', 'the numbers quoted in these pages'),
    ('[`docs/benchmarks/full/results.md`](docs/benchmarks/full/results.md)', '[`full/results.md`](full/results.md)'),
    ('[`docs/benchmarks/full/raw/`](docs/benchmarks/full/raw/)', '[`full/raw/`](full/raw/)'),
    ('(docs/benchmarks/full/site-cost.svg)', '(full/site-cost.svg)'),
    ('(docs/benchmarks/full/flip-cost.svg)', '(full/flip-cost.svg)'),
    ('(see\n"Current limits")', '(see\n[Current limits](../guide/limits.md))')],
}
R['docs/guide/semantics.md'][1] = ('(see "Failures" under "The agent")', '(see "Failures" in [How patching works](../internals/patching.md#from-load-to-flip))')
for f, reps in R.items():
    p = pathlib.Path('' + str(pathlib.Path(__file__).resolve().parents[1]) + '') / f
    t = p.read_text()
    for a, b in reps:
        if a not in t:
            print('MISSING', f, repr(a))
        t = t.replace(a, b)
    p.write_text(t)
