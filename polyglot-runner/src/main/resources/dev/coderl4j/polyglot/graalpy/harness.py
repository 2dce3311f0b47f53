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
    _hasattr, _repr, _sorted, _str, _map, _id = hasattr, repr, sorted, str, map, id
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

    # The verified state: what every module, module-level class, function and container looked
    # like before any program ran. Kept as flat lists so that the check after each job runs in
    # builtin loops (map, list equality) rather than in Python bytecode, since it runs every job.
    snap_names, snap_ids = [], []
    dicts, dict_lens, dict_keys, dict_ids = [], [], [], []
    funcs, func_codes, func_defaults, func_kwdefaults = [], [], [], []
    seqs, seq_ids, sets, set_copies = [], [], [], []
    names_code, names_defaults, names_kwdefaults = [], [], []
    hold = []  # keeps snapshot objects alive so that their ids cannot be reused
    known = [0]
    special0 = [None]

    # Entries that the interpreter itself changes as programs run (ABC bookkeeping, caches).
    volatile = _frozenset(['_abc_invalidation_counter', '_module_locks', '_blocking_on'])

    def ids_of(c):
        return _list(_map(_id, c))

    def dict_ids_of(d, keys):
        return _list(_map(_id, _map(d.get, keys)))

    def add_dict(d):
        keys = [k for k in d if not (_isinstance(k, _str) and ('cache' in k.lower() or k in volatile))]
        dicts.append(d)
        dict_lens.append(_len(d))
        dict_keys.append(keys)
        dict_ids.append(dict_ids_of(d, keys))
        hold.append(_list(d.values()))

    def absorb_module(name, m):
        snap_names.append(name)
        snap_ids.append(_id(m))
        hold.append(m)
        d = _getattr(m, '__dict__', None)
        if not _isinstance(d, _dict):
            return
        add_dict(d)
        for k, v in _list(d.items()):
            t = _type(v)
            if _isinstance(v, _type):
                if _getattr(v, '__module__', None) == name:
                    add_dict(v.__dict__)
            elif t is _Function:
                funcs.append(v)
                func_codes.append(_id(v.__code__))
                hold.append(v.__code__)
                func_defaults.append(v.__defaults__)
                func_kwdefaults.append(v.__kwdefaults__)
                names_code.append('__code__')
                names_defaults.append('__defaults__')
                names_kwdefaults.append('__kwdefaults__')
            elif v is modules or 'cache' in k.lower() or k in volatile:
                pass
            elif t is _list:
                seqs.append(v)
                seq_ids.append(_list(_map(_id, v)))
                hold.append(_list(v))
            elif t is _dict:
                add_dict(v)
            elif t is _set:
                sets.append(v)
                set_copies.append(_frozenset(v))

    def verified_clean():
        if _list(_map(_id, _map(modules.get, snap_names))) != snap_ids:
            return False
        if (_list(_map(_len, dicts)) != dict_lens
                or _list(_map(dict_ids_of, dicts, dict_keys)) != dict_ids):
            return False
        if _list(_map(_id, _map(_getattr, funcs, names_code))) != func_codes:
            return False
        if (_list(_map(_getattr, funcs, names_defaults)) != func_defaults
                or _list(_map(_getattr, funcs, names_kwdefaults)) != func_kwdefaults):
            return False
        if _list(_map(ids_of, seqs)) != seq_ids:
            return False
        return _list(_map(_frozenset, sets)) == set_copies

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
        # Adds modules loaded since the last call to the verified state; only called while the
        # context is known to be clean (no program code has run since it was last verified).
        if _len(modules) != known[0]:
            have = _set(snap_names)
            for name, m in _list(modules.items()):
                if name not in have and name != '__main__':
                    absorb_module(name, m)
            known[0] = _len(modules)
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
        if _len(modules) != _len(snap_names) + 1:
            have = _set(snap_names)
            return (False, ','.join([n for n in modules if n not in have and n != '__main__']))
        if out0.closed or err0.closed:
            return (False, '')
        if not verified_clean() or special_state() != special0[0]:
            return (False, '')
        rnd = modules.get('random')
        if rnd is not None:
            # A fresh CPython process seeds itself; so does the next program here.
            rnd.seed()
        return (True, '')

    absorb()
    return (begin, new_namespace, compile_program, run_code, run_stdin, run_statement,
            find_function, run_call, end)
