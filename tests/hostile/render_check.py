"""A static check: every Streamlit call that renders Markdown or HTML gets only safe text.

Untrusted text (a title, a note, a file name, a sentence, a URL parameter, a reader's edit)
must reach such a call only through ``escape_text`` or as a parameter of ``t()`` (which
escapes its parameters). This module walks the syntax trees of the app's Streamlit side and
lists every call whose label, body or tooltip is built from anything else.

"Safe" is decided conservatively, by what an expression is made of:

* string and number literals, f-strings and ``+`` of safe parts, numbers formatted with a
  numeric format spec (``f"{x:+.2f}"``), calls that return numbers (``len``, ``int`` …);
* ``t(...)``, ``tn(...)``, ``msg(...)`` and ``escape_text(...)`` (the sanitisers);
* a local name whose every assignment in its function (or module) is safe, a loop variable
  over a literal of safe values, a subscript of a literal of safe values;
* ``sep.join(...)`` of safe parts, string methods of a safe string (``replace`` with safe
  arguments), ``x if c else y`` of safe parts;
* a call of a function of the app whose every ``return`` is safe (found by a fixpoint over
  all modules, so helpers such as ``quotes_html`` are checked, not trusted).

Everything else — attributes, subscripts of data, function parameters — counts as untrusted.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

# Streamlit calls whose first positional argument is Markdown (labels render a Markdown
# subset with links and images; bodies render all of it).
MARKDOWN_FIRST = frozenset(
    [
        "markdown",
        "caption",
        "write",
        "info",
        "warning",
        "error",
        "success",
        "toast",
        "title",
        "header",
        "subheader",
        "expander",
        "popover",
        "button",
        "download_button",
        "link_button",
        "checkbox",
        "toggle",
        "radio",
        "selectbox",
        "multiselect",
        "text_input",
        "text_area",
        "number_input",
        "date_input",
        "time_input",
        "datetime_input",
        "slider",
        "select_slider",
        "file_uploader",
        "color_picker",
        "metric",
        "form_submit_button",
        "status",
        "spinner",
        "pills",
        "segmented_control",
        "feedback",
    ]
)
# Keyword arguments rendered as Markdown wherever they appear.
MARKDOWN_KEYWORDS = frozenset({"label", "body", "help", "text", "captions"})
# Calls whose first argument is HTML.
HTML_FIRST = frozenset({"html"})
# Receivers that are not Streamlit (loggers, argument parsers) though they have such methods.
NOT_STREAMLIT = frozenset({"log", "logger", "logging", "parser", "warnings", "np", "pd", "math"})
# Widgets whose ``format_func`` output is rendered as Markdown (option labels).
MARKDOWN_OPTIONS = frozenset({"radio", "pills", "segmented_control"})

SANITISERS = frozenset({"t", "tn", "msg", "escape_text"})
NUMERIC = frozenset({"int", "float", "len", "round", "abs", "sum", "bool", "format_int", "min", "max", "range"})
STRING_METHODS = frozenset({"strip", "lstrip", "rstrip", "lower", "upper", "title", "capitalize", "casefold"})
NUMERIC_SPEC = set("dfegn%xXob")


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    call: str
    argument: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.call}({self.argument}) may render untrusted text"


def _call_name(node: ast.Call) -> tuple[str, str]:
    """(receiver, method) of a call: ("st", "caption"), ("col", "metric"), ("", "t")."""
    f = node.func
    if isinstance(f, ast.Attribute):
        base = f.value
        while isinstance(base, (ast.Attribute, ast.Subscript, ast.Call)):
            base = base.value if not isinstance(base, ast.Call) else base.func
        return (base.id if isinstance(base, ast.Name) else "?"), f.attr
    if isinstance(f, ast.Name):
        return "", f.id
    return "?", "?"


class _Scope:
    """Assignments to names in one function (or a module's top level)."""

    def __init__(self, node: ast.AST, parent: _Scope | None, module: str = ""):
        self.node, self.parent = node, parent
        self.module = module or (parent.module if parent else "")
        self.assigned: dict[str, list[ast.AST]] = {}
        self.loops: dict[str, list[tuple[ast.AST, tuple[int, ...]]]] = {}
        self.params: set[str] = set()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            a = node.args
            for arg in [
                *a.posonlyargs,
                *a.args,
                *a.kwonlyargs,
                *([a.vararg] if a.vararg else []),
                *([a.kwarg] if a.kwarg else []),
            ]:
                self.params.add(arg.arg)
            if isinstance(node, ast.Lambda):
                # ``format_func=lambda m, labels={...}: labels[m]``: Streamlit passes only the
                # option, so the defaults are what the other parameters hold. (A function's
                # defaults prove nothing: its callers may pass anything.)
                defaults = [*a.defaults]
                for arg, default in zip(a.args[len(a.args) - len(defaults) :], defaults):
                    self.assigned.setdefault(arg.arg, []).append(default)
                for arg, default in zip(a.kwonlyargs, a.kw_defaults):
                    if default is not None:
                        self.assigned.setdefault(arg.arg, []).append(default)
        body = node.body if isinstance(node.body, list) else [node.body]
        for stmt in body:
            self._collect(stmt)

    def _bind(self, target: ast.AST, value: ast.AST, path: tuple[int, ...] = ()) -> None:
        if isinstance(target, ast.Name):
            self.assigned.setdefault(target.id, []).append(_Unpacked(value, path) if path else value)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for i, el in enumerate(target.elts):
                self._bind(el, value, (*path, i))

    def _collect(self, node: ast.AST) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            return  # their own scope
        if isinstance(node, ast.Assign):
            for target in node.targets:
                self._bind(target, node.value)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)) and node.value is not None:
            self._bind(node.target, node.value)
        elif isinstance(node, (ast.For, ast.comprehension)):
            self._loop(node.target, node.iter)
        elif isinstance(node, ast.NamedExpr):
            self._bind(node.target, node.value)
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                if item.optional_vars is not None:
                    self._bind(item.optional_vars, item.context_expr)
        for child in ast.iter_child_nodes(node):
            self._collect(child)

    def _loop(self, target: ast.AST, iterable: ast.AST, path: tuple[int, ...] = ()) -> None:
        if isinstance(target, ast.Name):
            self.loops.setdefault(target.id, []).append((iterable, path))
        elif isinstance(target, (ast.Tuple, ast.List)):
            for i, el in enumerate(target.elts):
                self._loop(el, iterable, (*path, i))

    def lookup(self, name: str) -> tuple[_Scope | None, list[ast.AST], list[tuple[ast.AST, tuple[int, ...]]], bool]:
        """(the scope that binds ``name``, its assignments, loops over it, whether it is a parameter)."""
        scope: _Scope | None = self
        while scope is not None:
            if name in scope.assigned or name in scope.loops or name in scope.params:
                return (
                    scope,
                    scope.assigned.get(name, []),
                    scope.loops.get(name, []),
                    name in scope.params and name not in scope.assigned,
                )
            scope = scope.parent
        return None, [], [], False


@dataclass(frozen=True)
class _Unpacked:
    """The element at ``path`` of a tuple assigned as a whole (``a, b = x, y``)."""

    value: ast.AST
    path: tuple[int, ...]


class Checker:
    def __init__(self, files: dict[str, ast.Module]):
        self.files = files
        self.safe_functions: set[str] = set()
        self._functions: dict[str, list[tuple[ast.AST, _Scope]]] = {}
        self._calls: dict[str, list[tuple[ast.Call, _Scope]]] = {}  # function name -> its call sites
        self._modules: dict[str, _Scope] = {}  # dotted module name -> top scope
        self._imports: dict[tuple[str, str], tuple[str, str]] = {}  # (module, local) -> (module, name)
        for path, tree in files.items():
            module = path.removesuffix(".py").replace("/", ".")
            top = _Scope(tree, None, module)
            self._modules[module] = top
            self._index(tree, top)
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.module:
                    for alias in node.names:
                        self._imports[(module, alias.asname or alias.name)] = (node.module, alias.name)
        self._fixpoint()

    # --- which of the app's functions return safe text ----------------------------------------
    def _index(self, node: ast.AST, scope: _Scope) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Call):
                _, name = _call_name(child)
                self._calls.setdefault(name, []).append((child, scope))
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                inner = _Scope(child, scope)
                self._functions.setdefault(child.name, []).append((child, inner))
                self._index(child, inner)
            elif isinstance(child, ast.Lambda):
                self._index(child, _Scope(child, scope))
            else:
                self._index(child, scope)

    def _fixpoint(self) -> None:
        changed = True
        while changed:
            changed = False
            for name, defs in self._functions.items():
                if name in self.safe_functions:
                    continue
                if all(self._returns_safe(fn, scope) for fn, scope in defs):
                    self.safe_functions.add(name)
                    changed = True

    def _returns_safe(self, fn: ast.AST, scope: _Scope) -> bool:
        returns = [n for n in _own_nodes(fn) if isinstance(n, ast.Return)]
        return bool(returns) and all(r.value is not None and self.safe(r.value, scope) for r in returns)

    # --- is an expression safe? ----------------------------------------------------------------
    def safe(self, node: ast.AST, scope: _Scope, _seen: frozenset = frozenset()) -> bool:
        if id(node) in _seen:
            return True  # a cycle adds nothing unsafe by itself
        seen = _seen | {id(node)}
        s = lambda n: self.safe(n, scope, seen)  # noqa: E731
        if isinstance(node, _Unpacked):
            value = node.value
            for i in node.path:
                if not (isinstance(value, (ast.Tuple, ast.List)) and i < len(value.elts)):
                    break  # a safe whole has safe parts
                value = value.elts[i]
            return s(value)
        if isinstance(node, ast.Constant):
            return True
        if isinstance(node, ast.JoinedStr):
            return all(s(v) for v in node.values)
        if isinstance(node, ast.FormattedValue):
            spec = node.format_spec
            if (
                isinstance(spec, ast.JoinedStr)
                and spec.values
                and isinstance(spec.values[-1], ast.Constant)
                and str(spec.values[-1].value)[-1:] in NUMERIC_SPEC
            ):
                return True
            return s(node.value)
        if isinstance(node, ast.BinOp):
            return s(node.left) and s(node.right)
        if isinstance(node, ast.UnaryOp):
            return s(node.operand)
        if isinstance(node, (ast.Compare,)):
            return True  # a bool
        if isinstance(node, ast.IfExp):
            return s(node.body) and s(node.orelse)
        if isinstance(node, ast.BoolOp):
            return all(s(v) for v in node.values)
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            return all(s(e) for e in node.elts)
        if isinstance(node, ast.Dict):
            return all(s(v) for v in node.values)
        if isinstance(node, (ast.GeneratorExp, ast.ListComp)):
            inner = _Scope(_Wrapper(node), scope)
            return self.safe(node.elt, inner, seen)
        if isinstance(node, ast.Subscript):
            return self._container_safe(node.value, scope, seen)
        if isinstance(node, ast.Name):
            owner, assigned, loops, is_param = scope.lookup(node.id)
            if owner is None:
                return self._imported_safe(scope.module, node.id, seen)
            if is_param:
                return self._parameter_safe(owner, node.id, seen)
            if not assigned and not loops:
                return False
            ok = all(self.safe(v, owner, seen) for v in assigned)
            for iterable, path in loops:
                ok = ok and self._element_safe(iterable, path, owner, seen)
            return ok
        if isinstance(node, ast.Call):
            return self._call_safe(node, scope, seen)
        return False

    def _imported_safe(self, module: str, name: str, seen: frozenset) -> bool:
        """A name imported from one of the checked modules: safe when its module-level
        assignments are (a constant such as a table of labels)."""
        for _ in range(5):  # follow re-exports ("from tonlage.i18n import LANGUAGES" in components.i18n)
            source = self._imports.get((module, name))
            if source is None or source[0] not in self._modules:
                return False
            module, name = source
            top = self._modules[module]
            assigned = top.assigned.get(name, [])
            if assigned:
                return all(self.safe(v, top, seen) for v in assigned)
        return False

    def _parameter_safe(self, owner: _Scope, name: str, seen: frozenset) -> bool:
        """A function's parameter is safe when every call of the function (in the checked
        modules) passes a safe value for it; a function nobody here calls proves nothing."""
        fn = owner.node
        if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return False
        key = ("param", fn.name, name)
        if key in seen:
            return True
        seen = seen | {key}
        params = [a.arg for a in [*fn.args.posonlyargs, *fn.args.args]]
        sites = self._calls.get(fn.name, [])
        if not sites:
            return False
        default = dict(zip(params[len(params) - len(fn.args.defaults) :], fn.args.defaults))
        for call, caller in sites:
            kw = {k.arg: k.value for k in call.keywords if k.arg}
            if name in kw:
                value = kw[name]
            elif (
                name in params
                and params.index(name) < len(call.args)
                and not any(isinstance(a, ast.Starred) for a in call.args[: params.index(name) + 1])
            ):
                value = call.args[params.index(name)]
            elif name in default:
                value = default[name]
            else:
                return False
            if not self.safe(value, caller, seen):
                return False
        return True

    def _container_safe(self, node: ast.AST, scope: _Scope, seen: frozenset) -> bool:
        """A subscript is safe when it indexes a literal (or a name bound to one) of safe values."""
        if isinstance(node, (ast.Dict, ast.Tuple, ast.List)):
            return self.safe(node, scope, seen)
        if isinstance(node, ast.Name):
            owner, assigned, loops, is_param = scope.lookup(node.id)
            if owner is None:
                return self._imported_safe(scope.module, node.id, seen)
            return (
                bool(assigned)
                and not loops
                and not is_param
                and all(isinstance(v, (ast.Dict, ast.Tuple, ast.List)) and self.safe(v, owner, seen) for v in assigned)
            )
        return False

    def _element_safe(self, iterable: ast.AST, path: tuple[int, ...], scope: _Scope, seen: frozenset) -> bool:
        """A loop variable is safe when it runs over a literal whose elements are safe at ``path``."""
        if isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Name) and iterable.func.id == "enumerate":
            if not path:
                return False
            if path[0] == 0:
                return True  # the counter
            return self._element_safe(iterable.args[0], path[1:], scope, seen)
        if isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Name) and iterable.func.id == "range":
            return True
        if not isinstance(iterable, (ast.Tuple, ast.List)):
            return False
        for el in iterable.elts:
            value = el
            for i in path:
                if isinstance(value, (ast.Tuple, ast.List)) and i < len(value.elts):
                    value = value.elts[i]
                else:
                    return False
            if not self.safe(value, scope, seen):
                return False
        return True

    def _call_safe(self, node: ast.Call, scope: _Scope, seen: frozenset) -> bool:
        _, name = _call_name(node)
        if name in SANITISERS or name in NUMERIC:
            return True
        f = node.func
        if isinstance(f, ast.Attribute):
            if f.attr in ("join", "replace"):  # replace: what it puts in must be safe too
                return self.safe(f.value, scope, seen) and all(self.safe(a, scope, seen) for a in node.args)
            if f.attr in STRING_METHODS:
                return self.safe(f.value, scope, seen)
            if f.attr == "format":
                return (
                    self.safe(f.value, scope, seen)
                    and all(self.safe(a, scope, seen) for a in node.args)
                    and all(self.safe(k.value, scope, seen) for k in node.keywords)
                )
        return name in self.safe_functions

    # --- the calls -----------------------------------------------------------------------------
    def findings(self, only: tuple[str, ...] = ()) -> list[Finding]:
        """Calls that may render untrusted text, in the files whose path starts with one of
        ``only`` (all files when empty; the others are read for their functions and constants)."""
        out: list[Finding] = []
        for path, tree in self.files.items():
            if only and not path.startswith(only):
                continue
            self._visit(tree, self._modules[path.removesuffix(".py").replace("/", ".")], path, out)
        return out

    def _visit(self, node: ast.AST, scope: _Scope, path: str, out: list[Finding]) -> None:
        for child in ast.iter_child_nodes(node):
            inner = scope
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                inner = _Scope(child, scope)
            elif isinstance(child, (ast.GeneratorExp, ast.ListComp, ast.DictComp, ast.SetComp)):
                inner = _Scope(_Wrapper(child), scope)
            if isinstance(child, ast.Call):
                self._check_call(child, inner, path, out)
            self._visit(child, inner, path, out)

    def _check_call(self, node: ast.Call, scope: _Scope, path: str, out: list[Finding]) -> None:
        receiver, method = _call_name(node)
        if receiver in NOT_STREAMLIT or receiver == "":
            return
        args: list[tuple[str, ast.AST]] = []
        html = method in HTML_FIRST or any(
            k.arg == "unsafe_allow_html" and not (isinstance(k.value, ast.Constant) and k.value.value is False)
            for k in node.keywords
        )
        if (method in MARKDOWN_FIRST or method in HTML_FIRST) and node.args:
            if method == "progress" and len(node.args) > 1:
                args.append(("text", node.args[1]))
            elif method != "progress":
                args.append(("first argument", node.args[0]))
        if method == "tabs" and node.args:
            args.append(("tab labels", node.args[0]))
        if method == "progress" and len(node.args) > 1:
            args.append(("text", node.args[1]))
        is_streamlit = (
            method in MARKDOWN_FIRST or method in HTML_FIRST or method in ("tabs", "progress") or receiver == "st"
        )
        for k in node.keywords:
            if k.arg in MARKDOWN_KEYWORDS and is_streamlit:
                args.append((k.arg, k.value))
            if k.arg == "format_func" and method in MARKDOWN_OPTIONS:
                if isinstance(k.value, ast.Lambda):
                    ok = self.safe(k.value.body, _Scope(k.value, scope))
                elif isinstance(k.value, ast.Attribute) and k.value.attr == "get":  # TABLE.get
                    ok = self._container_safe(k.value.value, scope, frozenset())
                else:
                    ok = k.value is not None and isinstance(k.value, ast.Name) and k.value.id in self.safe_functions
                if not ok:
                    out.append(Finding(path, node.lineno, f"{receiver}.{method}", "format_func"))
        for what, value in args:
            if not self.safe(value, scope):
                kind = "HTML " if html else ""
                out.append(Finding(path, node.lineno, f"{receiver}.{method}", kind + what))


class _Wrapper:
    """A comprehension seen as a scope: its loop targets are bound to its iterables."""

    def __init__(self, comp: ast.AST):
        self.body = [comp]
        self._fields = ()


def _own_nodes(fn: ast.AST):
    """The nodes of a function, without those of functions nested in it."""
    stack = list(ast.iter_child_nodes(fn))
    while stack:
        n = stack.pop()
        yield n
        if not isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            stack.extend(ast.iter_child_nodes(n))


def check_sources(sources: dict[str, str], only: tuple[str, ...] = ()) -> list[Finding]:
    """Findings for a set of modules given as ``{path: source}`` (see :meth:`Checker.findings`)."""
    return Checker({p: ast.parse(src, filename=p) for p, src in sources.items()}).findings(only)


def check_tree(
    root: Path, folders=("components", "app_pages"), files=("app.py",), library=("tonlage/present", "tonlage/i18n.py")
) -> list[Finding]:
    """Findings for the app's Streamlit side under ``root``; the presentation modules of the
    engine (``library``) are read for what their functions return and their constants hold."""
    paths = [root / f for f in files if (root / f).is_file()]
    for folder in folders:
        paths += sorted((root / folder).rglob("*.py"))
    for lib in library:
        paths += [root / lib] if lib.endswith(".py") else sorted((root / lib).rglob("*.py"))
    return check_sources(
        {str(p.relative_to(root)): p.read_text(encoding="utf-8") for p in paths}, only=(*folders, *files)
    )
