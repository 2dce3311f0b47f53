# coderl4j GraalPy harness (see docs/execution.md, "The worker design").
#
# Evaluated once in every pristine context. It defines one factory and nothing else; the Java side
# calls the factory, keeps the returned entry points, and deletes the factory's name, so programs
# find no harness names in any namespace they can reach by name. Everything the entry points use is
# bound in the factory's closure before any program runs, so a program that rebinds builtins
# cannot change what the harness does. The harness imports nothing beyond what a fresh context
# already has: JSON, classification and stdout comparison are done in Java.


def _coderl_harness(side_effect_modules):
    import sys
    import builtins
    import io

    _isinstance, _type, _len, _compile, _exec, _eval = isinstance, type, len, compile, exec, eval
    _list, _tuple, _dict, _set, _frozenset, _getattr = list, tuple, dict, set, frozenset, getattr
    _hasattr, _repr, _sorted, _str, _zip = hasattr, repr, sorted, str, zip
    _setrecursionlimit, _set_digits = sys.setrecursionlimit, sys.set_int_max_str_digits
    _gettrace, _getprofile = sys.gettrace, sys.getprofile
    _BaseException, _SystemExit = BaseException, SystemExit
    _import = builtins.__import__
    _TextIOWrapper, _BytesIO = io.TextIOWrapper, io.BytesIO
    _Module = _type(sys)
    _Function = _type(lambda: None)
    _MISSING = object()
    modules = sys.modules
    in0, out0, err0 = sys.stdin, sys.stdout, sys.stderr
    main0 = modules['__main__']
    limit0 = sys.getrecursionlimit()
    digits0 = sys.get_int_max_str_digits()
    skip = _frozenset(side_effect_modules.split(',')) if side_effect_modules else _frozenset()

    # name -> fingerprint of the module as it was before any program ran (see verify()).
    snapshot = {}
    special0 = [None]

    def fingerprint(name, m):
        d = _getattr(m, '__dict__', None)
        if not _isinstance(d, _dict):
            return (m, None, (), (), ())
        items = _dict(d)
        classes, funcs, containers = [], [], []
        for k, v in items.items():
            t = _type(v)
            if _isinstance(v, _type):
                if _getattr(v, '__module__', None) == name:
                    classes.append((v, _dict(v.__dict__)))
            elif t is _Function:
                funcs.append((v, v.__code__, v.__defaults__, v.__kwdefaults__))
            elif (t is _list or t is _dict or t is _set) and 'cache' not in k.lower():
                containers.append((v, t(v)))
        return (m, items, classes, funcs, containers)

    def same_dict(cur, old):
        if _len(cur) != _len(old):
            return False
        get = cur.get
        for k, v in old.items():
            if get(k, _MISSING) is not v:
                return False
        return True

    def same(a, b):
        return a is b or a == b

    def module_clean(fp):
        m, items, classes, funcs, containers = fp
        if items is not None and not same_dict(m.__dict__, items):
            return False
        for c, cd in classes:
            if not same_dict(c.__dict__, cd):
                return False
        for f, code, defaults, kwdefaults in funcs:
            if not (same(f.__code__, code) and same(f.__defaults__, defaults)
                    and same(f.__kwdefaults__, kwdefaults)):
                return False
        for c, copy in containers:
            t = _type(c)
            if t is _set:
                if c != copy:
                    return False
            elif t is _dict:
                if not same_dict(c, copy):
                    return False
            else:
                if _len(c) != _len(copy):
                    return False
                for a, b in _zip(c, copy):
                    if a is not b:
                        return False
        return True

    def special_state():
        # State that lives outside module dictionaries.
        s = [_gettrace(), _getprofile()]
        for stream in (out0, err0):
            s.append(_sorted(_getattr(stream, '__dict__', {}).keys()))
        gc = modules.get('gc')
        if gc is not None:
            s.append(gc.isenabled())
        dec = modules.get('decimal')
        if dec is not None:
            s.append(_repr(dec.getcontext()))
            s.append(_repr(dec.DefaultContext))
        os = modules.get('os')
        if os is not None:
            s.append(_sorted(os.environ.items()))
        return s

    def absorb():
        # Fingerprints modules loaded since the last snapshot; only called while the context is
        # known to be clean (no program code has run since it was last verified).
        for name, m in _list(modules.items()):
            if name not in snapshot and name != '__main__':
                snapshot[name] = fingerprint(name, m)
        special0[0] = special_state()

    def begin(prefetch):
        # Imports the modules a program names in its import statements before the program runs,
        # so that they join the verified state instead of making the context dirty.
        if prefetch:
            for name in prefetch.split(','):
                if name and name not in modules and name.split('.')[0] not in skip:
                    try:
                        _import(name)
                    except _BaseException:
                        pass
        absorb()

    def new_namespace(name, as_main):
        m = _Module(name)
        g = m.__dict__
        g['__builtins__'] = builtins
        if as_main:
            modules['__main__'] = m
        return g

    def set_stdin(text):
        sys.stdin = _TextIOWrapper(_BytesIO(text.encode('utf-8', 'surrogatepass')), encoding='utf-8')
        sys.stdout = out0
        sys.stderr = err0

    def flush():
        for s in (out0, err0):
            try:
                s.flush()
            except _BaseException:
                pass

    def compile_program(src):
        # None, or the compiler's message.
        try:
            return ('ok', _compile(src, '<program>', 'exec'))
        except _BaseException as e:
            return (_type(e).__name__, _str(e))

    def run_code(code, g, stdin_text):
        # None when the code ran to its end, else the exception's type name.
        set_stdin(stdin_text)
        try:
            _exec(code, g)
            return None
        except _BaseException as e:
            return _type(e).__name__
        finally:
            flush()

    def run_stdin(code, stdin_text):
        g = new_namespace('__main__', True)
        set_stdin(stdin_text)
        try:
            _exec(code, g)
            return None
        except _SystemExit:
            return None
        except _BaseException as e:
            return _type(e).__name__
        finally:
            flush()

    def run_statement(src, g):
        # A test statement: None when it passed, 'AssertionError' or another exception's name.
        try:
            code = _compile(src, '<test>', 'exec')
        except _BaseException as e:
            return _type(e).__name__
        return run_code(code, g, '')

    def find_function(g, fn_name):
        sol = g.get('Solution')
        try:
            if _isinstance(sol, _type) and _hasattr(sol, fn_name):
                return ('ok', _getattr(sol(), fn_name))
        except _BaseException as e:
            return (_type(e).__name__, None)
        f = g.get(fn_name, _MISSING)
        if f is _MISSING:
            return ('NameError', None)
        return ('ok', f)

    def norm(v):
        if _isinstance(v, (_list, _tuple)):
            return [norm(x) for x in v]
        return v

    def run_call(fn, args_literal, expected_literal):
        # True, False, or the exception's type name (APPS' call-based comparison).
        set_stdin('')
        empty = {'__builtins__': {}}
        args = _eval(args_literal, empty)
        expected = _eval(expected_literal, empty)
        try:
            got = norm(fn(*args))
            if got == expected:
                return True
            if _isinstance(expected, _list) and _len(expected) == 1 and got == expected[0]:
                return True
            return False
        except _BaseException as e:
            return _type(e).__name__
        finally:
            flush()

    def end():
        # Restores what a program may legitimately change, then says whether the context is still
        # as it was before any program ran (True) or must be discarded (False), with the names of
        # modules the program imported that were not prefetched.
        flush()
        sys.stdin, sys.stdout, sys.stderr = in0, out0, err0
        modules['__main__'] = main0
        try:
            _setrecursionlimit(limit0)
            _set_digits(digits0)
        except _BaseException:
            return (False, '')
        rnd = modules.get('random')
        if rnd is not None:
            rnd.seed()
        fresh = [n for n in modules if n not in snapshot and n != '__main__']
        if fresh:
            return (False, ','.join(fresh))
        if _len(modules) != _len(snapshot) + 1:
            return (False, '')
        if out0.closed or err0.closed:
            return (False, '')
        for name, fp in snapshot.items():
            if modules.get(name) is not fp[0] or not module_clean(fp):
                return (False, '')
        if special_state() != special0[0]:
            return (False, '')
        return (True, '')

    absorb()
    return (begin, new_namespace, compile_program, run_code, run_stdin, run_statement,
            find_function, run_call, end)
