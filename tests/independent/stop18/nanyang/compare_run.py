import json, sys, os
sys.path.insert(0, '/work/inboxes/nanyang')
os.chdir('/work/inboxes/nanyang')
import importlib.util
spec = importlib.util.spec_from_file_location('me', '/work/inboxes/nanyang/make_expected.py')
# reuse totals() without rewriting EXPECTED.json: exec the function defs only
src = open('/work/inboxes/nanyang/make_expected.py').read().split('ALL = [')[0]
ns = {'__file__': '/work/inboxes/nanyang/make_expected.py'}
exec(src, ns)
totals = ns['totals']

def diff(a, b, path=''):
    out = []
    if isinstance(b, dict):
        for k in b:
            out += diff((a or {}).get(k) if isinstance(a, dict) else None, b[k], f'{path}.{k}')
    else:
        if a is None and b is None: return out
        if a is None or b is None or abs(float(a) - float(b)) > 0.0051:
            out.append(f'{path}: tool={a} expected={b}')
    return out

def run(out, q, variant=None):
    s = json.load(open(f'/tmp/nanyang_run/{out}/summary.json'))
    inc = sorted({x['unit'] for x in s['submissions'] if x['included']})
    t = totals(inc, q, variant)
    d = diff(s['totals'], {k: t[k] for k in ('F5','F6','F1','F2','F3','F4')})
    print(out, 'included:', inc, '->', 'totals agree' if not d else d)

run('out/2025Q1', '2025Q1')
run('out/2025Q2', '2025Q2', 'v1')
run('out/2025Q2_v2', '2025Q2')
for extra in sys.argv[1:]:
    o, q, v = extra.split(':')
    run(o, q, v or None)
