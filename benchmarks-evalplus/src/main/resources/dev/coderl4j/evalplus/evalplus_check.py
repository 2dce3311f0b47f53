# EvalPlus' scoring rules, run in the runner's guest after the candidate program (the test setup
# of humaneval-plus and mbpp-plus; docs/benchmarks.md). Everything is bound inside
# _coderl_ep_make so that the candidate's namespace gains one name per job. The inputs and the
# expected values are literals inside `data`, a function whose parameters name the constructors
# they use, so that the candidate's own names (inf, set...) cannot change how they read. No word
# here may be one that the runner's import scan reads as dynamic code (ImportScan.TAINT_WORDS):
# the GraalPy runner would then discard its context after every job.
def _coderl_ep_make(entry, oracle, atol, n_base, limits, caps, data):
    import math
    import time
    import hashlib

    class TimeLimitExceeded(Exception):
        """An input ran past its limit, max(4 s, 4 x the canonical solution's time)."""

    class Digest:
        """An expected value too large to ship: the digests of its repr and canonical form."""

        def __init__(self, repr_hex, canon_hex):
            self.repr_hex = repr_hex
            self.canon_hex = canon_hex

    def hexint(s):
        return int(s, 16)

    inputs, expected = data(float('inf'), float('nan'), hexint, complex, set, frozenset, Digest)
    state = {'atol': atol, 'fn': None, 'spent': [0.0, 0.0]}

    def canon(v, h):
        # Feeds h a form of v under which == values (1 == 1.0 == True, a set and a frozenset, dicts
        # in any order) read the same, and list and tuple differ, as they do under ==.
        if v is None:
            h.update(b'N')
        elif isinstance(v, bool):
            h.update(b'i1' if v else b'i0')
        elif isinstance(v, int):
            h.update(b'i' + format(v, 'x').encode())
        elif isinstance(v, float):
            if v == v and v not in (float('inf'), float('-inf')) and v.is_integer():
                h.update(b'i' + format(int(v), 'x').encode())
            else:
                h.update(b'f' + repr(v).encode())
        elif isinstance(v, complex):
            if v.imag == 0:
                canon(v.real, h)
            else:
                h.update(b'c' + repr(v).encode())
        elif isinstance(v, str):
            b = v.encode('utf-8', 'surrogatepass')
            h.update(b's' + str(len(b)).encode() + b':')
            h.update(b)
        elif isinstance(v, bytes):
            h.update(b'b' + str(len(v)).encode() + b':')
            h.update(v)
        elif isinstance(v, (list, tuple)):
            h.update(b'L[' if isinstance(v, list) else b'T[')
            for i in v:
                canon(i, h)
                h.update(b',')
            h.update(b']')
        elif isinstance(v, (dict, set, frozenset)):
            items = v.items() if isinstance(v, dict) else [(k, None) for k in v]
            parts = []
            for k, x in items:
                hk = hashlib.sha256()
                canon(k, hk)
                canon(x, hk)
                parts.append(hk.hexdigest())
            parts.sort()
            h.update((b'D{' if isinstance(v, dict) else b'S{') + ','.join(parts).encode() + b'}')
        else:
            h.update(b'O' + repr(v).encode('utf-8', 'surrogatepass'))

    def digest_of(v):
        h = hashlib.sha256()
        canon(v, h)
        return h.hexdigest()

    def repr_digest(v):
        # The fast path: equal reprs mean equal values for the plain types expected outputs have.
        # None when repr fails (ints past the decimal digit limit).
        try:
            return hashlib.sha256(repr(v).encode('utf-8', 'surrogatepass')).hexdigest()
        except ValueError:
            return None

    def matches(out, exp):
        return repr_digest(out) == exp.repr_hex or digest_of(out) == exp.canon_hex

    def is_floats(x):
        if isinstance(x, float):
            return True
        if isinstance(x, (list, tuple)) and x:
            return all(isinstance(i, float) for i in x)
        return False

    def close(a, b, tol):
        # numpy.isclose(a, b, rtol=1e-07, atol=tol): inf equals inf of its sign, nan nothing.
        if isinstance(a, (list, tuple)) or isinstance(b, (list, tuple)):
            if not (isinstance(a, (list, tuple)) and isinstance(b, (list, tuple))):
                return False
            return len(a) == len(b) and all(close(x, y, tol) for x, y in zip(a, b))
        num = (int, float, complex)
        if not isinstance(a, num) or not isinstance(b, num):
            raise TypeError('allclose needs numbers, got %s and %s' % (type(a).__name__,
                                                                       type(b).__name__))
        if a == b:
            return True
        if a != a or b != b or abs(a) == float('inf') or abs(b) == float('inf'):
            return False
        return abs(a - b) <= tol + 1e-07 * abs(b)

    def poly(xs, x):
        return sum([c * math.pow(x, i) for i, c in enumerate(xs)])

    def surface_area(base_edge, height):
        slant = math.sqrt((base_edge / 2) ** 2 + height ** 2)
        return round(base_edge ** 2 + 4 * (base_edge * slant) / 2)

    def digit_distance(a, b):
        sa, sb = str(a), str(b)
        width = max(len(sa), len(sb))
        return sum(abs(int(x) - int(y)) for x, y in zip(sa.zfill(width), sb.zfill(width)))

    def check(i):
        if i == n_base:
            state['atol'] = atol  # base and plus are separate runs in EvalPlus
        fn = state['fn']
        if fn is None:
            fn = state['fn'] = entry()
        inp = inputs[i]
        start = time.perf_counter()
        out = fn(*inp)
        took = time.perf_counter() - start
        group = 0 if i < n_base else 1
        state['spent'][group] += took
        if took > limits[i]:
            raise TimeLimitExceeded('input %d took longer than its %.1f s' % (i, limits[i]))
        if state['spent'][group] > caps[group]:
            raise TimeLimitExceeded('the %s inputs took longer than their %.1f s' % (
                ('base', 'plus')[group], caps[group]))
        exp = expected[i]
        if isinstance(exp, Digest):
            assert matches(out, exp)
            return
        exact = out == exp
        if oracle == 'find-zero':
            assert abs(poly(*inp, out)) <= state['atol']
            return
        if oracle == 'set':
            exact = set(out) == set(exp)
        elif oracle == 'not-none':
            exact = out == exp if isinstance(out, bool) else exp == (out is not None)
        elif oracle == 'surface-area':
            exact = exact or abs(out - surface_area(*inp)) <= state['atol']
        elif oracle == 'digit-distance':
            exact = exact or out == digit_distance(*inp)
        elif oracle == 'always':
            exact = True
        elif oracle == 'or-zero':
            exact = exact or out == 0
        if state['atol'] == 0 and is_floats(exp):
            state['atol'] = 1e-6  # EvalPlus keeps it for the rest of the run
        if not exact and state['atol'] != 0:
            assert type(out) == type(exp)
            if isinstance(exp, (list, tuple)):
                assert len(out) == len(exp)
            assert close(out, exp, state['atol'])
        else:
            assert exact

    check.digest_of = digest_of
    check.repr_digest = repr_digest
    return check
