# Splits LeetCodeDataset's check(candidate) into its asserts and times the reference solution on
# each (trusted, under CPython, once per machine; docs/benchmarks.md). The program is the
# dataset's: prompt + completion, then the asserts with candidate = eval(entry_point).
#
# usage: python3 leetcode_truth.py ORDER_FREE_IDS DATASET.jsonl.gz OUT.json VENDOR.py SOURCES_DIR
#   ORDER_FREE_IDS: comma-separated task ids whose asserts compare lists of lists ignoring order
import ast
import gzip
import json
import os
import sys
import time


def order_free(stmt):
    # assert candidate(...) == expected  ->  assert sorted(candidate(...)) == sorted(expected)
    t = stmt.test
    if isinstance(t, ast.Compare) and len(t.ops) == 1 and isinstance(t.ops[0], ast.Eq):
        wrap = lambda e: ast.Call(ast.Name('sorted', ast.Load()), [e], [])
        stmt = ast.Assert(ast.Compare(wrap(t.left), t.ops, [wrap(t.comparators[0])]), stmt.msg)
        return "    " + ast.unparse(ast.fix_missing_locations(stmt)) + "\n"
    return None


def tests_of(task_id, test_src, order_free_ids):
    tree = ast.parse(test_src)
    check = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "check"]
    if len(check) != 1:
        raise ValueError(task_id + ": test does not define check(candidate)")
    lines = test_src.splitlines(keepends=True)
    out = []
    for stmt in check[0].body:
        body = None
        if task_id in order_free_ids and isinstance(stmt, ast.Assert):
            body = order_free(stmt)
        if body is None:
            body = "".join(lines[stmt.lineno - 1:stmt.end_lineno])
            if not body.endswith("\n"):
                body += "\n"
        out.append("def _coderl_lc_test(candidate):\n" + body)
    return out


def main():
    order_free_ids = set(sys.argv[1].split(","))
    path, out_path, vendor_path, sources_dir = sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
    sys.set_int_max_str_digits(0)
    sources = {}
    for name in ("__init__", "sortedlist", "sortedset", "sorteddict"):
        with open(os.path.join(sources_dir, name + ".py"), encoding="utf-8") as f:
            sources[name] = f.read()
    vendor = {}
    with open(vendor_path, encoding="utf-8") as f:
        exec(f.read(), vendor)
    vendor["_coderl_vendor"](sources)
    result = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            tid = r["task_id"]
            tests = tests_of(tid, r["test"], order_free_ids)
            times, failures = [], []
            g = {"__name__": "__main__"}
            try:
                exec(compile(r["prompt"] + "\n" + r["completion"], "<program>", "exec"), g)
                fn = eval(r["entry_point"], g)
                for i, src in enumerate(tests):
                    ns = {}
                    exec(compile(src, "<test>", "exec"), g, ns)
                    start = time.time()
                    try:
                        ns["_coderl_lc_test"](fn)
                    except Exception as e:
                        failures.append("assert %d: %s" % (i, type(e).__name__))
                    times.append(time.time() - start)
            except Exception as e:
                failures.append("load: %s: %s" % (type(e).__name__, e))
            result[tid] = {"tests": tests, "times": times, "failures": failures}
            print(tid, sum(times), file=sys.stderr, flush=True)
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main()
