# sortedcontainers 2.4.0 (Apache-2.0, Grant Jenks; the Debian python3-sortedcontainers sources,
# shipped in this jar, see sortedcontainers/LICENSE) for programs that import it. An installed copy
# wins; otherwise the package is built in sys.modules from its source, so that a runner without
# file access (the sandboxed GraalPy) sees it too.
def _coderl_vendor(sources):
    try:
        import sortedcontainers
        return
    except ImportError:
        pass
    import sys
    module = type(sys)
    pkg = module('sortedcontainers')
    pkg.__path__ = []
    pkg.__package__ = 'sortedcontainers'
    sys.modules['sortedcontainers'] = pkg
    for name in ('sortedlist', 'sortedset', 'sorteddict'):
        m = module('sortedcontainers.' + name)
        m.__package__ = 'sortedcontainers'
        sys.modules[m.__name__] = m
        exec(compile(sources[name], 'sortedcontainers/' + name + '.py', 'exec'), m.__dict__)
        setattr(pkg, name, m)
    exec(compile(sources['__init__'], 'sortedcontainers/__init__.py', 'exec'), pkg.__dict__)
