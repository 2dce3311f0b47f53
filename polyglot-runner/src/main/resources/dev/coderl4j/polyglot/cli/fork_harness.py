# The anchor of `coderl bench exec`: CPython run with EvalPlus' execution structure.
#
#   python3 fork_harness.py JOBS.jsonl OUT.jsonl --workers N --timeout S [--program-timeout S]
#       [--grace S] [--max-output BYTES] [--max-memory-mb MB]
#
# EvalPlus (evalplus/eval: untrusted_check) and human-eval (check_correctness) run each sample in a
# multiprocessing.Process, which on Linux is a fork of an already warm interpreter, and drive those
# checks from a pool of worker processes. This file has that structure, written for coderl4j's
# job format (docs/execution.md) and job semantics, so that its outcomes can be compared with the
# project's runners job for job:
#   - a pool of worker processes, one per core (ProcessPoolExecutor, fork context);
#   - per job, the worker forks a child from its warm interpreter (multiprocessing.Process);
#   - the child runs the program and its tests, each test under the per-test limit (an interval
#     timer), and sends each result back through a pipe as it has it;
#   - the worker kills the child past its limit (the per-test time plus a grace since the last
#     result, or the per-program cap) and reports what it had.
# The result lines are coderl exec's: {"id", "outcome", "tests", "millis"}. Like EvalPlus' harness,
# this is NOT a security sandbox: the guard only stops accidents.

import argparse
import io
import json
import multiprocessing
import os
import signal
import sys
import time
import types
from concurrent.futures import ProcessPoolExecutor

# What the children commonly import, loaded once in the warm parent (as a harness imports its own
# dependencies before forking): the guard's modules and the standard modules APPS' header names.
import builtins  # noqa: F401
import collections  # noqa: F401
import fractions  # noqa: F401
import functools  # noqa: F401
import heapq  # noqa: F401
import itertools  # noqa: F401
import math  # noqa: F401
import random  # noqa: F401
import resource
import shutil
import subprocess
import typing  # noqa: F401

_FORK = multiprocessing.get_context('fork')
_REAL_EXIT = os._exit  # the guard turns os._exit into SystemExit; the child itself still needs it


class _Timeout(BaseException):
    pass


class _OutputLimit(BaseException):
    pass


class _Sink(io.RawIOBase):
    """Stdout bytes, refusing to grow past the output limit."""

    def __init__(self, limit):
        super().__init__()
        self.buf = bytearray()
        self.limit = limit
        self.over = False

    def writable(self):
        return True

    def write(self, b):
        if self.over or len(self.buf) + len(b) > self.limit:
            self.over = True
            raise _OutputLimit()
        self.buf += b
        return len(b)


def _alarm(signum, frame):
    raise _Timeout()


def _guard():
    # The project's guard, in short: destructive or escaping calls raise PermissionError, files
    # open for reading inside the Python installation only, os._exit is a SystemExit.
    roots = tuple(os.path.realpath(p).rstrip(os.sep) + os.sep
                  for p in {sys.prefix, sys.base_prefix, sys.exec_prefix})
    real_open = builtins.open

    def refuse(*a, **k):
        raise PermissionError('operation not permitted by the fork harness')

    def guarded_open(file, mode='r', *a, **k):
        try:
            inside = os.path.realpath(os.fsdecode(file)).startswith(roots)
        except (TypeError, ValueError):
            inside = False
        if inside and isinstance(mode, str) and not any(c in mode for c in 'wax+'):
            return real_open(file, mode, *a, **k)
        refuse()

    def exit_(code):
        raise SystemExit(code)

    builtins.open = io.open = guarded_open
    for name in ('system', 'fork', 'forkpty', 'kill', 'killpg', 'remove', 'unlink', 'rmdir',
                 'removedirs', 'rename', 'renames', 'replace', 'truncate', 'chdir', 'fchdir',
                 'chmod', 'chown', 'fchmod', 'fchown', 'lchown', 'mkdir', 'makedirs', 'execv',
                 'execve', 'execvp', 'execl', 'spawnv', 'popen', 'setuid', 'symlink', 'link',
                 'listdir', 'scandir'):
        if hasattr(os, name):
            setattr(os, name, refuse)
    os._exit = exit_
    shutil.rmtree = shutil.move = shutil.copy = shutil.copyfile = refuse
    subprocess.Popen = subprocess.run = subprocess.call = subprocess.check_output = refuse


def _norm(v):
    return [_norm(x) for x in v] if isinstance(v, (list, tuple)) else v


def _lines(text):
    t = text.strip()
    return [] if not t else [l.strip() for l in t.replace('\r\n', '\n').replace('\r', '\n')
                             .split('\n')]


def _execute(job, lim, conn):
    """The child: runs the job, sending ('compile'|'load', msg), ('loaded',), ('test', r)."""
    mb = lim['max_memory_mb'] + 256
    try:
        resource.setrlimit(resource.RLIMIT_AS, (mb << 20, mb << 20))
    except (ValueError, OSError):
        pass
    try:
        code = compile(job['program'], '<program>', 'exec')
    except BaseException as e:
        conn.send(('compile', type(e).__name__ + ': ' + str(e)))
        return
    _guard()
    signal.signal(signal.SIGALRM, _alarm)
    deadline = time.monotonic() + lim['program_timeout']
    state = {}

    def phase(fn, stdin_text='', stdin_kind=False):
        # One limited phase with fresh stdin/stdout: (error name or None, stdout text).
        sink = _Sink(lim['max_output'])
        out = io.TextIOWrapper(sink, encoding='utf-8', write_through=True)
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin_text.encode('utf-8', 'surrogatepass')),
                                     encoding='utf-8')
        sys.stdout, sys.stderr = out, io.StringIO()
        left = deadline - time.monotonic()
        if left <= 0:
            return 'Timeout', ''
        err = None
        signal.setitimer(signal.ITIMER_REAL, min(lim['timeout'], left))
        try:
            try:
                state['value'] = fn()
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        except _Timeout:
            err = 'Timeout'
        except SystemExit:
            err = None if stdin_kind else 'SystemExit'
        except _OutputLimit:
            err = 'OutputLimitExceeded'
        except BaseException as e:
            err = type(e).__name__
        try:
            out.flush()
        except BaseException:
            pass
        if sink.over:
            err = 'OutputLimitExceeded'
        sys.stdout = sys.__stdout__
        return err, bytes(sink.buf).decode('utf-8', 'replace')

    def module(name):
        m = types.ModuleType(name)
        m.__dict__['__builtins__'] = builtins
        if name == '__main__':
            sys.modules['__main__'] = m
        return m.__dict__

    kind, tests = job['kind'], job['tests']
    if kind == 'stdin':
        conn.send(('loaded',))
        for t in tests:
            err, out = phase(lambda: exec(code, module('__main__')), t['input'], True)
            conn.send(('test', err if err else _lines(out) == _lines(t['output'])))
        return
    if kind == 'assert':
        g = module('__main__')
        err, _ = phase(lambda: exec(code, g))
        if err is None and job.get('setup'):
            err, _ = phase(lambda: exec(compile(job['setup'], '<setup>', 'exec'), g))
        if err is not None:
            conn.send(('load', err))
            return
        conn.send(('loaded',))
        for t in tests:
            err, _ = phase(lambda: exec(compile(t, '<test>', 'exec'), g))
            conn.send(('test', True if err is None else False if err == 'AssertionError' else err))
        return
    # call: loaded as a module named "solution", a Solution method or a top-level function
    g = module('solution')
    err, _ = phase(lambda: exec(code, g))
    fn = None
    if err is None:
        name, sol = job['fn_name'], g.get('Solution')
        if isinstance(sol, type) and hasattr(sol, name):
            err, _ = phase(lambda: getattr(sol(), name))
            fn = state.get('value')
        elif name in g:
            fn = g[name]
        else:
            err = 'NameError'
    if err is not None:
        conn.send(('load', err))
        return
    conn.send(('loaded',))
    for t in tests:
        args, expected = t['args'], t['output']

        def call():
            got = _norm(fn(*args))
            return got == expected or (isinstance(expected, list) and len(expected) == 1
                                       and got == expected[0])
        state['value'] = None
        err, _ = phase(call)
        conn.send(('test', err if err is not None else bool(state['value'])))


def _child(job, lim, conn):
    code = 1
    try:
        _execute(job, lim, conn)
        code = 0
    finally:
        # Straight out, as the project's fork server does: nothing of the program's may run after
        # its results, and os._exit is the guard's SystemExit by now.
        try:
            conn.close()
        finally:
            _REAL_EXIT(code)


def check(job, lim):
    """A pool worker: forks a child for the job, collects its results, kills it past its limit."""
    start = time.monotonic()
    recv, send = _FORK.Pipe(duplex=False)
    p = _FORK.Process(target=_child, args=(job, lim, send))
    p.start()
    send.close()
    compile_error = load_error = None
    loaded = False
    tests = []
    hard = lim['timeout'] + lim['grace']
    cap = start + lim['program_timeout'] + lim['grace']
    last = time.monotonic()
    killed = None
    while True:
        wait = min(last + hard, cap) - time.monotonic()
        if wait <= 0:
            p.kill()
            killed = 'Timeout'
            break
        if not recv.poll(wait):
            continue
        try:
            msg = recv.recv()
        except (EOFError, OSError):
            break
        last = time.monotonic()
        if msg[0] == 'compile':
            compile_error = msg[1]
        elif msg[0] == 'load':
            load_error = msg[1]
        elif msg[0] == 'loaded':
            loaded = True
        else:
            tests.append(msg[1])
    recv.close()
    p.join()
    if killed is None and p.exitcode != 0 and compile_error is None and load_error is None \
            and len(tests) < len(job['tests']):
        killed = 'WorkerCrash'
    if killed is not None and compile_error is None and load_error is None:
        if loaded:
            tests.append(killed)
        else:
            load_error = killed
    if compile_error is not None:
        outcome = 'COMPILE_ERROR'
    elif load_error is not None:
        outcome = 'RUNTIME_ERROR'
    else:
        outcome = 'PASSED'
        for r in tests:
            if r is not True:
                outcome = 'FAILED_TEST' if r is False else 'RUNTIME_ERROR'
                break
    return {'id': job['id'], 'outcome': outcome, 'tests': tests,
            'millis': int((time.monotonic() - start) * 1000)}


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('jobs')
    ap.add_argument('out')
    ap.add_argument('--workers', type=int, default=os.cpu_count())
    ap.add_argument('--timeout', type=float, default=4.0)
    ap.add_argument('--program-timeout', type=float, default=60.0)
    ap.add_argument('--grace', type=float, default=1.0)
    ap.add_argument('--max-output', type=int, default=1 << 20)
    ap.add_argument('--max-memory-mb', type=int, default=1024)
    a = ap.parse_args()
    lim = {'timeout': a.timeout, 'program_timeout': a.program_timeout, 'grace': a.grace,
           'max_output': a.max_output, 'max_memory_mb': a.max_memory_mb}
    with open(a.jobs, encoding='utf-8') as f:
        jobs = [json.loads(l) for l in f if l.strip()]
    with ProcessPoolExecutor(max_workers=a.workers, mp_context=_FORK) as pool, \
            open(a.out, 'w', encoding='utf-8') as out:
        for r in pool.map(check, jobs, [lim] * len(jobs)):
            out.write(json.dumps(r) + '\n')


if __name__ == '__main__':
    main()
