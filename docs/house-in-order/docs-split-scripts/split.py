# One-off: cut main's README.md into docs/ files by line ranges (1-based, inclusive).
import re, sys, pathlib
root = pathlib.Path('' + str(pathlib.Path(__file__).resolve().parents[1]) + '')
import subprocess
src = subprocess.run(['git', '-C', str(root), 'show', '47bfc77:README.md'], capture_output=True, text=True, check=True).stdout.split('\n')

def lines(a, b):
    return src[a-1:b]

def shift(chunk, delta):
    """Change heading levels by delta (negative = promote), outside code fences."""
    out, fence = [], False
    for l in chunk:
        if l.startswith('```'):
            fence = not fence
        if not fence and re.match(r'^#{1,6} ', l):
            hashes = len(l) - len(l.lstrip('#'))
            l = '#' * max(1, hashes + delta) + l[hashes:]
        out.append(l)
    return out

def write(path, parts):
    text = []
    for p in parts:
        if isinstance(p, str):
            text.extend(p.split('\n'))
        else:
            text.extend(p)
    # collapse 3+ blank lines
    res = []
    for l in text:
        if l == '' and len(res) >= 2 and res[-1] == '' and res[-2] == '':
            continue
        res.append(l)
    while res and res[-1] == '':
        res.pop()
    f = root / path
    f.parent.mkdir(parents=True, exist_ok=True)
    f.write_text('\n'.join(res) + '\n')

exec(open(sys.argv[1]).read())
