# LeetCodeDataset's check(candidate), one assert per test, each held to its limit (the test setup
# of the leetcode benchmark; docs/benchmarks.md). Each assert runs as the body of a function of
# `candidate`, as inside check(), so comprehensions in it see the candidate too.
def _coderl_lc_make(g, entry, tests, limits, cap):
    import time

    class Timeout(Exception):
        """An assert ran past its limit, or all of them past the program's cap."""

    state = {'fn': None, 'spent': 0.0}
    compiled = []
    for i, src in enumerate(tests):
        ns = {}
        exec(compile(src, '<test %d>' % i, 'exec'), g, ns)
        compiled.append(ns['_coderl_lc_test'])

    def run(i):
        if state['fn'] is None:
            state['fn'] = eval(entry, g)
        start = time.perf_counter()
        compiled[i](state['fn'])
        took = time.perf_counter() - start
        state['spent'] += took
        if took > limits[i]:
            raise Timeout('assert %d took longer than its %.1f s' % (i, limits[i]))
        if state['spent'] > cap:
            raise Timeout('the asserts took longer than their %.1f s' % cap)

    return run
