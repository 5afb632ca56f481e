#!/usr/bin/env python3
"""Nothing lost: every non-trivial line of a reference README.md (default: git main's) must appear, after
normalisation, in README.md or some docs/**/*.md of the work tree.

Normalisation drops link targets ([text](url) -> text; a link whose text is a path goes entirely), double
quotes and backquotes, and collapses whitespace, so a re-wrapped paragraph or a link moved to another
directory still counts as kept. Lines reworded on purpose are listed in REWORDED with a fragment of the new
text that must be present instead. The old layout block is rewritten to follow the current tree: each
module it names must appear in docs/internals/layout.md.
Usage (from the repository root): check_nothing_lost.py [<git rev>]"""
import pathlib, re, subprocess, sys

rev = sys.argv[1] if len(sys.argv) > 1 else 'main'
old = subprocess.run(['git', 'show', f'{rev}:README.md'], capture_output=True, text=True, check=True).stdout

def norm(text):
    text = re.sub(r'!?\[`?[\w./-]*[/.][\w./-]*`?\]\([^)]*\)', '', text)   # [docs/x.md](docs/x.md)
    text = re.sub(r'!?\[([^\]]*)\]\([^)]*\)', r'\1', text)
    text = text.replace('"', '').replace('`', '')
    return re.sub(r'\s+', ' ', text).strip()

# old line prefix -> fragment of its new wording (why: a section name became a link, or "above" moved)
REWORDED = {
    'The first command above runs': 'The first command of the README runs',
    '  the JVM will not take patched is moved to plain checks instead': 'see Failures in How patching works',
    '| `jmx=false` | do not register the MXBean': 'do not register the MXBean (default true; see JMX)',
    'again. Static initializers are not counted': 'Where holders are not usable (see How patching works)',
    'part of the benchmark suite: see "Benchmarks" below': 'part of the benchmark suite: see Benchmarks for the commands',
    'More detail: [docs/openfeature.md]': 'More detail: the engineering notes',
    'benchmarks/run full    # the numbers quoted in this README': 'benchmarks/run full # the numbers quoted in these pages',
}

files = [pathlib.Path('README.md')] + sorted(pathlib.Path('docs').rglob('*.md'))
corpus = ' '.join(norm(f.read_text()) for f in files)
layout = pathlib.Path('docs/internals/layout.md').read_text()
trivial = re.compile(r'^(\s*|```.*|\|[-| :]*\||#+ .*|\*\*[^*]+\*\*\.?)$')
missing, reworded, layout_lines, checked, in_layout = [], [], 0, 0, False
for number, line in enumerate(old.split('\n'), 1):
    if line.startswith('pom.xml ') and 'parent' in line:
        in_layout = True
    if in_layout:
        if line.startswith('```'):
            in_layout = False
            continue
        layout_lines += 1
        module = re.match(r'^([\w.-]+/?)\s', line)
        if module and module.group(1) not in layout:
            missing.append((number, line + '   <- module missing from docs/internals/layout.md'))
        continue
    if trivial.match(line) or len(line.strip()) < 12:
        continue
    checked += 1
    if norm(line) in corpus:
        continue
    new = next((n for o, n in REWORDED.items() if line.startswith(o)), None)
    if new is not None and norm(new) in corpus:
        reworded.append((number, line))
    else:
        missing.append((number, line))
print(f'{rev}:README.md: {checked} non-trivial lines checked: {checked - len(reworded) - len([m for m in missing if "<-" not in m[1]])} found as they were, '
      f'{len(reworded)} reworded on purpose, {len([m for m in missing if "<-" not in m[1]])} not found; '
      f'{layout_lines} lines of the layout block rewritten in docs/internals/layout.md')
for number, line in reworded:
    print(f'  reworded {number}: {line}')
for number, line in missing:
    print(f'  MISSING {number}: {line}')
sys.exit(1 if missing else 0)
