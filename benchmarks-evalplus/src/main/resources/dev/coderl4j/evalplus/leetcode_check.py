# LeetCodeDataset's check(candidate), one assert per test, each held to its limit (the test setup
# of the leetcode benchmark; docs/benchmarks.md). Each assert is the body of a function of
# `candidate`, as inside check(), so comprehensions in it see the candidate too; `entry` makes
# the dataset's entry point (Solution().method) when the first test runs.
def _coderl_lc_make(entry, tests, limits, cap):
    import time

    class TimeLimitExceeded(Exception):
        """An assert ran past its limit, or all of them past the program's cap."""

    state = {'fn': None, 'spent': 0.0}

    def run(i):
        if state['fn'] is None:
            state['fn'] = entry()
        start = time.perf_counter()
        tests[i](state['fn'])
        took = time.perf_counter() - start
        state['spent'] += took
        if took > limits[i]:
            raise TimeLimitExceeded('assert %d took longer than its %.1f s' % (i, limits[i]))
        if state['spent'] > cap:
            raise TimeLimitExceeded('the asserts took longer than their %.1f s' % cap)

    return run
