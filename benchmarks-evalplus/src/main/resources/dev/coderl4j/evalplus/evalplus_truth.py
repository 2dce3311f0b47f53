# Computes EvalPlus' expected outputs (trusted, under CPython, once per machine; see
# docs/benchmarks.md): for every base and plus input of every task, the canonical solution's
# return value on a deep copy of the input and its wall time. Inputs and outputs are written as
# Python literals so that tuples, sets and complex numbers survive the trip to the runner.
#
# An expected value whose literal is longer than INLINE_MAX characters is written as the digest of
# its canonical form (evalplus_check.py), unless its task is compared by a special oracle or with
# a tolerance: HumanEval/15 alone would otherwise put 147 MB into every program.
#
# usage: python3 evalplus_truth.py humaneval|mbpp DATASET.jsonl.gz OUT.json CHECK.py INLINE_IDS
#   INLINE_IDS: comma-separated task ids whose expected values always stay inline
import copy
import gzip
import json
import math
import sys
import time

# MBPP+ inputs as JSON lose tuples, sets and complex numbers; EvalPlus' loader
# (evalplus/data/mbpp.py, mbpp_deserialize_inputs) restores them per task. The groups below are
# the same task ids, each with the shape of its conversion.
_ARGS_TUPLES = {2, 116, 132, 143, 222, 261, 273, 394, 399, 421, 424, 429, 470, 560, 579, 596,
                616, 630, 726, 740, 744, 809}
_ARGS_LISTS_OF_TUPLES = {63, 64, 70, 94, 120, 237, 272, 299, 400, 409, 417, 438, 473, 614, 780}
_FIRST_LIST_OF_TUPLES = {75, 413, 444, 753}
_SECOND_TUPLE = {106, 750}
_FIRST_TUPLE = {250, 405, 446, 617, 720, 763, 808}
_NESTED_THEN_TUPLES = {259, 401, 445}
_DEEP_TUPLES = {580, 615, 791}
# Tasks whose outputs EvalPlus keeps only as "is not None" (evalplus/eval/_special_oracle.py).
NOT_NONE = {"check_str", "text_match_three", "text_starta_endb"}


def _deep_tuple(x):
    return tuple(_deep_tuple(i) for i in x) if isinstance(x, list) else x


def mbpp_inputs(task_id, inputs):
    n = int(task_id.split("/")[-1])
    if n in _ARGS_TUPLES:
        return [[tuple(a) for a in inp] for inp in inputs]
    if n in _ARGS_LISTS_OF_TUPLES:
        return [[[tuple(t) for t in a] for a in inp] for inp in inputs]
    if n in _FIRST_LIST_OF_TUPLES:
        return [[[tuple(t) for t in inp[0]]] + [inp[1]] for inp in inputs]
    if n in _SECOND_TUPLE:
        return [[inp[0]] + [tuple(inp[1])] for inp in inputs]
    if n == 115:
        return [[[set(i) if isinstance(i, list) and len(i) else {} for i in inp[0]]]
                for inp in inputs]
    if n == 124:
        return [(float(inp[0]), complex(inp[1])) for inp in inputs]
    if n in _FIRST_TUPLE:
        return [[tuple(inp[0])] + [inp[1]] for inp in inputs]
    if n in _NESTED_THEN_TUPLES:
        return [[tuple(tuple(t) for t in a) for a in inp] for inp in inputs]
    if n == 278:
        return [[tuple(tuple(i) if isinstance(i, list) else i for i in inp[0])] for inp in inputs]
    if n == 307:
        return [[tuple(inp[0])] + [inp[1], inp[2]] for inp in inputs]
    if n == 722:
        return [[{k: tuple(v) for k, v in inp[0].items()}] + inp[1:] for inp in inputs]
    if n == 252:
        return [[complex(inp[0])] for inp in inputs]
    if n in _DEEP_TUPLES:
        return [_deep_tuple(inp) for inp in inputs]
    return inputs


def _float(x):
    if math.isnan(x):
        return "_ce_nan"
    if math.isinf(x):
        return "_ce_inf" if x > 0 else "-_ce_inf"
    return repr(x)


INLINE_MAX = 2048


def _plain(v):
    # Values of dict, list, tuple, set subclasses (Counter, namedtuple...) compare equal to the
    # plain containers, so they are written as those.
    for base in (bool, int, float, complex, str, bytes, list, tuple, set, frozenset, dict):
        if isinstance(v, base):
            return base
    return type(v)


def lit(v):
    """A Python expression for v; its names (_ce_inf, _ce_set...) are bound by the reader."""
    t = _plain(v)
    if t is int and v.bit_length() > 8000:
        # Decimal text of huge ints is capped (sys.int_info.default_max_str_digits); hex is not.
        return ("-" if v < 0 else "") + "_ce_hex(%r)" % format(abs(v), "x")
    if v is None or t in (bool, int, str, bytes):
        return repr(v)
    if t is float:
        return _float(v)
    if t is complex:
        return "_ce_complex(%s, %s)" % (_float(v.real), _float(v.imag))
    if t is list:
        return "[" + ", ".join(lit(i) for i in v) + "]"
    if t is tuple:
        return "(" + "".join(lit(i) + ", " for i in v) + ")"
    if t is set:
        return "_ce_set([" + ", ".join(lit(i) for i in v) + "])"
    if t is frozenset:
        return "_ce_frozenset([" + ", ".join(lit(i) for i in v) + "])"
    if t is dict:
        return "{" + ", ".join(lit(k) + ": " + lit(x) for k, x in v.items()) + "}"
    raise TypeError("cannot write a %s as a literal" % t.__name__)


def _expected(v, exact, check):
    text = lit(v)
    if exact and len(text) > INLINE_MAX and not _is_floats(v):
        # repr under the interpreter's default digit limit, as a candidate's runner has it: a
        # value with a huge int then has no repr digest and is matched by its canonical form.
        sys.set_int_max_str_digits(sys.int_info.default_max_str_digits)
        try:
            fast = check.repr_digest(v)
        finally:
            sys.set_int_max_str_digits(0)
        return "_ce_digest(%r, %r)" % (fast, check.digest_of(v))
    return text


def _is_floats(x):
    if isinstance(x, float):
        return True
    return isinstance(x, (list, tuple)) and len(x) > 0 and all(isinstance(i, float) for i in x)


def run(code, entry, inputs, not_none):
    g = {}
    exec(code, g)
    fn = g[entry]
    outs, times = [], []
    for inp in inputs:
        arg = copy.deepcopy(inp)
        start = time.time()
        out = fn(*arg)
        times.append(time.time() - start)
        outs.append((out is not None) if not_none else out)
    return outs, times


def main():
    kind, path, out_path, check_path = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
    inline_ids = set(sys.argv[5].split(",")) if len(sys.argv) > 5 else set()
    sys.set_int_max_str_digits(0)
    ns = {}
    with open(check_path, encoding="utf-8") as f:
        exec(f.read(), ns)
    check = ns["_coderl_ep_make"](None, "exact", 0, 0, [], [], lambda *names: ([], []))
    opener = gzip.open if path.endswith(".gz") else open
    result = {}
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            task = json.loads(line)
            tid, entry = task["task_id"], task["entry_point"]
            code = task["prompt"] + task["canonical_solution"]
            rec = {}
            for group in ("base", "plus"):
                inputs = task[group + "_input"]
                if not isinstance(inputs, list):
                    inputs = []  # Mbpp/793's plus_input is {} (no inputs)
                if kind == "mbpp":
                    inputs = mbpp_inputs(tid, inputs)
                outs, times = run(code, entry, inputs, kind == "mbpp" and entry in NOT_NONE)
                rec[group + "_inputs"] = "[" + ", ".join(lit(list(i)) for i in inputs) + "]"
                exact = tid not in inline_ids and not task.get("atol")
                rec[group] = "[" + ", ".join(
                    _expected(o, exact, check) for o in outs) + "]"
                rec[group + "_time"] = times
            result[tid] = rec
            print(tid, file=sys.stderr, flush=True)
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main()
