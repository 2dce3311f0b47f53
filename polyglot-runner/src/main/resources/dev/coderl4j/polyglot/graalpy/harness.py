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
    _hasattr, _repr, _sorted, _str, _map, _id, _range = hasattr, repr, sorted, str, map, id, range
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

    # The verified state: what each module, its module-level classes, functions and containers
    # looked like before any program ran, one group per module. Checks run in builtin loops (map,
    # list equality) rather than Python bytecode, and after each job only the groups a program can
    # name are checked (see end()); all of them are checked every `full_every` jobs.
    groups = {}
    hold = []  # keeps snapshot objects alive so that their ids cannot be reused
    known = [0]
    special0 = [None]
    # Entries that the interpreter itself changes as programs run (ABC bookkeeping, import locks).
    IMMUTABLETYPE = 1 << 8  # Py_TPFLAGS_IMMUTABLETYPE
    volatile = _frozenset(['_abc_invalidation_counter', '_module_locks', '_blocking_on'])

    def ids_of(c):
        return _list(_map(_id, c))

    def dict_ids_of(d, keys):
        return _list(_map(_id, _map(d.get, keys)))

    def fingerprint(name, m):
        dicts, lens, keys_, ids = [], [], [], []
        funcs, codes, defaults, kwdefaults, n_code, n_def, n_kw = [], [], [], [], [], [], []
        seqs, seq_ids, sets, set_copies, submodules = [], [], [], [], []

        def add_dict(d):
            keys = [k for k in d if not (_isinstance(k, _str) and ('cache' in k.lower() or k in volatile))]
            dicts.append(d)
            lens.append(_len(d))
            keys_.append(keys)
            ids.append(dict_ids_of(d, keys))
            hold.append(_list(d.values()))

        d = _getattr(m, '__dict__', None)
        if _isinstance(d, _dict):
            add_dict(d)
            for k, v in _list(d.items()):
                t = _type(v)
                if t is _Module:
                    submodules.append(_getattr(v, '__name__', None))
                elif _isinstance(v, _type):
                    # Immutable (built-in) types cannot be changed, and listing their
                    # dictionaries is slow in GraalPy: only heap classes are fingerprinted.
                    if not (v.__flags__ & IMMUTABLETYPE) and _getattr(v, '__module__', None) == name:
                        add_dict(v.__dict__)
                elif t is _Function:
                    funcs.append(v)
                    codes.append(_id(v.__code__))
                    hold.append(v.__code__)
                    defaults.append(v.__defaults__)
                    kwdefaults.append(v.__kwdefaults__)
                    n_code.append('__code__')
                    n_def.append('__defaults__')
                    n_kw.append('__kwdefaults__')
                elif v is modules or 'cache' in k.lower() or k in volatile:
                    pass
                elif t is _list:
                    seqs.append(v)
                    seq_ids.append(ids_of(v))
                    hold.append(_list(v))
                elif t is _dict:
                    add_dict(v)
                elif t is _set:
                    sets.append(v)
                    set_copies.append(_frozenset(v))
        hold.append(m)
        return (_id(m), dicts, lens, keys_, ids, funcs, codes, defaults, kwdefaults, n_code, n_def,
                n_kw, seqs, seq_ids, sets, set_copies, submodules)

    def group_clean(name):
        (mid, dicts, lens, keys, ids, funcs, codes, defaults, kwdefaults, n_code, n_def, n_kw,
         seqs, seq_ids, sets, set_copies, _) = groups[name]
        return (_id(modules.get(name)) == mid
                and _list(_map(_len, dicts)) == lens
                and _list(_map(dict_ids_of, dicts, keys)) == ids
                and _list(_map(_id, _map(_getattr, funcs, n_code))) == codes
                and _list(_map(_getattr, funcs, n_def)) == defaults
                and _list(_map(_getattr, funcs, n_kw)) == kwdefaults
                and _list(_map(ids_of, seqs)) == seq_ids
                and _list(_map(_frozenset, sets)) == set_copies)

    def group_light(name):
        # Per job, the module must be the same object with as many names as before; changes to
        # what it holds are caught ahead by the Java import scan (which discards the context of a
        # program that assigns into a module it imports) and by the periodic full check.
        g = groups[name]
        if _id(modules.get(name)) != g[0]:
            return False
        return not g[1] or _len(g[1][0]) == g[2][0]

    def reachable(names):
        # The named modules, the modules they hold as attributes (os -> os.path), and the ones
        # every program can reach without importing (builtins) or does reach (sys).
        out = _set(['builtins', 'sys'])
        todo = [n for n in names.split(',') if n] if names else []
        while todo:
            n = todo.pop()
            if n in out or n not in groups:
                continue
            out.add(n)
            # Submodules held as attributes (re._parser, os.path); other modules a module merely
            # uses are left to the periodic full check.
            todo.extend([c for c in groups[n][16] if c and (c.startswith(n + '.') or n == 'os')])
            # import a.b binds a, and a.b is reachable from it
            parts = n.split('.')
            for i in _range(1, _len(parts)):
                todo.append('.'.join(parts[:i]))
        return out

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
            for ctx in (dec.getcontext(), dec.DefaultContext):
                s.append((ctx.prec, ctx.rounding, ctx.Emin, ctx.Emax, ctx.capitals, ctx.clamp))
        os = modules.get('os')
        if os is not None:
            # Empty in the sandbox (no host environment); a program that sets a variable grows it.
            env = os.environ
            s.append(_sorted(env.items()) if _len(env) < 8 else _len(env))
        return s

    def absorb():
        # Adds modules loaded since the last call to the verified state; only called while the
        # context is known to be clean (no program code has run since it was last verified).
        if _len(modules) != known[0]:
            for name, m in _list(modules.items()):
                if name not in groups and name != '__main__':
                    groups[name] = fingerprint(name, m)
            known[0] = _len(modules)
            special0[0] = special_state()

    def begin(prefetch):
        # Imports the modules a program names in its import statements before the program runs,
        # so that they join the verified state instead of making the context dirty. Returns the
        # names imported now, which the Java side imports ahead in every new context.
        imported = []
        if prefetch:
            for name in prefetch.split(','):
                if name and name not in modules and name.split('.')[0] not in skip:
                    try:
                        _import(name)
                        imported.append(name)
                    except _BaseException:
                        pass
        absorb()
        return ','.join(imported)

    def new_namespace(name, as_main):
        m = _Module(name)
        g = m.__dict__
        g['__builtins__'] = builtins
        if as_main:
            modules['__main__'] = m
        return g

    empty_bytes = _BytesIO(b'')
    empty_in = _TextIOWrapper(empty_bytes, encoding='utf-8')

    def set_stdin(text):
        # Programs without input share one empty stdin (checked unchanged in end()); creating a
        # stream costs more than most programs take to run.
        sys.stdin = _TextIOWrapper(_BytesIO(text.encode('utf-8', 'surrogatepass')),
                                   encoding='utf-8') if text else empty_in
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

    jobs = [0]

    def end(names, full_every):
        # Restores what a program may legitimately change, then says whether the context is still
        # as it was before any program ran (True) or must be discarded (False), with the names of
        # modules the program imported that had not been imported ahead of it.
        flush()
        sys.stdin, sys.stdout, sys.stderr = empty_in, out0, err0
        modules['__main__'] = main0
        try:
            _setrecursionlimit(limit0)
            _set_digits(digits0)
        except _BaseException:
            return (False, '')
        if _len(modules) != _len(groups) + 1:
            return (False, ','.join([n for n in modules if n not in groups and n != '__main__']))
        if out0.closed or err0.closed or empty_in.closed or empty_bytes.getvalue() != b'':
            return (False, '')
        jobs[0] += 1
        if full_every > 0 and jobs[0] % full_every == 0:
            for name in groups:
                if not group_clean(name):
                    return (False, '')
        else:
            for name in reachable(names):
                if not group_light(name):
                    return (False, '')
        if special_state() != special0[0]:
            return (False, '')
        rnd = modules.get('random')
        if rnd is not None:
            # A fresh CPython process seeds itself; so does the next program here.
            rnd.seed()
        return (True, '')

    # os._exit would end the context with an exit that is reported as an internal error; like the
    # CPython harness, make it the SystemExit it stands for. Done on posix before os binds it.
    posix = modules.get('posix')
    if posix is not None:
        def _exit(code):
            raise _SystemExit(code)
        posix._exit = _exit
        os_module = modules.get('os')
        if os_module is not None:
            os_module._exit = _exit
    # sys.getsizeof needs native access in GraalPy and fails with an error that programs cannot
    # catch. CPython 3.11's (64-bit) value is a function of the value alone for these types, so
    # it is computed here exactly; for containers whose size depends on how they grew (list,
    # dict, set, bytearray) and for instances without their own __sizeof__, a catchable
    # TypeError says so instead of a guess (docs/execution.md).
    _int, _bool, _float, _complex, _bytes, _max = int, bool, float, complex, bytes, max
    _NoneType, _ellipsis, _notimpl = _type(None), _type(...), _type(NotImplemented)
    _range_type, _object = _type(range(0)), object

    def _getsizeof(obj, *default):
        t = _type(obj)
        if t is _int or t is _bool:
            return 24 + 4 * _max(1, (abs(obj).bit_length() + 29) // 30)
        if t is _float:
            return 24
        if t is _complex:
            return 32
        if t is _NoneType or t is _ellipsis or t is _notimpl or t is _object:
            return 16
        if t is _str:
            n = _len(obj)
            widest = _max(_map(ord, obj)) if n else 0
            if widest < 128:
                return 49 + n
            if widest < 256:
                return 73 + n
            if widest < 65536:
                return 74 + 2 * n
            return 76 + 4 * n
        if t is _bytes:
            return 33 + _len(obj)
        if t is _tuple:
            return 40 + 8 * _len(obj)
        if t is _range_type:
            return 48
        for k in t.__mro__:
            if not (k.__flags__ & IMMUTABLETYPE) and '__sizeof__' in k.__dict__:
                # A class's own __sizeof__, plus CPython's pre-header: the garbage-collector
                # links, and the managed-dict pointers when instances have a __dict__.
                return obj.__sizeof__() + (32 if _hasattr(obj, '__dict__') else 16)
        if default:
            return default[0]
        raise TypeError("sys.getsizeof of a '" + t.__name__ + "' depends on how CPython allocated it"
                        " and is not available in this runner")

    sys.getsizeof = _getsizeof

    # Threads are refused in the sandbox, and starting one is an internal error that programs
    # cannot catch. APPS solutions start one to get a large stack (threading.stack_size, then
    # Thread(target=main).start() and join()): here a started thread runs to its end on the
    # calling thread, which already has the stack such programs ask for, and join() returns at
    # once. Programs whose threads wait for each other can deadlock (and time out) where CPython
    # would not; docs/execution.md lists this.
    import _thread
    _allocate_lock, _get_ident = _thread.allocate_lock, _thread.get_ident
    _print_exc = sys.excepthook
    sentinels = []

    def _set_sentinel():
        # Released when the thread's function returns, as CPython's thread state does.
        lock = _allocate_lock()
        sentinels.append(lock)
        return lock

    def _start_new_thread(fn, args, kwargs=None):
        mark = _len(sentinels)
        threading = modules.get('threading')
        ident = _get_ident()
        active = _getattr(threading, '_active', None)
        main = active.get(ident) if _isinstance(active, _dict) else None
        try:
            fn(*args, **(kwargs if kwargs is not None else {}))
        except _SystemExit:
            pass
        except _BaseException as e:
            # CPython prints an exception that escapes a thread's function and goes on.
            try:
                _print_exc(_type(e), e, e.__traceback__)
            except _BaseException:
                pass
        finally:
            while _len(sentinels) > mark:
                lock = sentinels.pop()
                if lock.locked():
                    lock.release()
            if main is not None:
                # The "thread" registered itself under this thread's id; give it back.
                active[ident] = main
        return ident

    _thread.start_new_thread = _start_new_thread
    _thread.start_new = _start_new_thread
    _thread._set_sentinel = _set_sentinel
    threading0 = modules.get('threading')
    if threading0 is not None:
        threading0._start_new_thread = _start_new_thread
        threading0._set_sentinel = _set_sentinel

    sys.stdin = empty_in
    absorb()
    return (begin, new_namespace, compile_program, run_code, run_stdin, run_statement,
            find_function, run_call, end)
