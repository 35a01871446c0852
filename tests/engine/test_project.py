"""The house rules that keep the project carriable: layers, one settings module, an installable
package whose two commands behave the same, and no edits of ``sys.path``."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("tonlage", "components", "app_pages")


def _python_files(*folders: str) -> list[Path]:
    out: list[Path] = []
    for folder in folders:
        out += sorted((ROOT / folder).rglob("*.py"))
    return out


def _module(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def _imports(path: Path, modules) -> set[str]:
    """Every project module ``path`` imports, at the top or inside functions (absolute names).
    ``from pkg import sub`` counts as importing ``pkg.sub``, not ``pkg`` itself."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = _module(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                mod = ".".join([*base, node.module] if node.module else base)
            else:
                mod = node.module or ""
            subs = {f"{mod}.{a.name}" for a in node.names} & set(modules)
            out |= subs or {mod}
    return out


def import_graph() -> dict[str, set[str]]:
    """Module → the project's modules it imports (edges inside tonlage/, components/, app_pages/)."""
    files = _python_files(*PACKAGES) + [ROOT / "app.py"]
    modules = {_module(p): p for p in files}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        graph[name] = {m for m in _imports(path, modules) if m in modules and m != name}
    return graph


def test_the_engine_imports_nothing_from_the_ui():
    graph = import_graph()
    crossing = sorted(
        f"{a} -> {b}"
        for a, deps in graph.items()
        if a.startswith("tonlage")
        for b in deps
        if b.startswith(("components", "app_pages", "app"))
    )
    assert not crossing, crossing
    assert not [p for p in _python_files("tonlage") if re.search(r"^\s*(import|from) streamlit", p.read_text(), re.M)]


def test_components_is_the_streamlit_side():
    """Every module in components/ uses Streamlit (the rest belongs in tonlage/present/)."""
    plain = [
        p.name
        for p in _python_files("components")
        if p.name != "__init__.py" and not re.search(r"^import streamlit", p.read_text(), re.M)
    ]
    assert not plain, plain


def test_pages_end_with_end_page_not_st_stop():
    """``st.stop()`` refuses every element after it, and the sidebar's controls are drawn after
    the page (app.py): a page that stopped left the reader without filters. Pages and components
    end early with ``components.ui.end_page()``."""
    call = re.compile(r"^[^#\n]*(?<!`)\bst\.stop\(\)", re.M)  # not in a comment or ``quoted``
    files = [*_python_files("app_pages", "components"), ROOT / "app.py"]
    assert not [str(p.relative_to(ROOT)) for p in files if call.search(p.read_text())]
    assert call.search("    st.stop()") and not call.search("# st.stop()")


def test_the_engine_has_no_import_cycles():
    graph = {
        a: {b for b in deps if b.startswith("tonlage")} for a, deps in import_graph().items() if a.startswith("tonlage")
    }
    # a dependency on a package counts as one on its __init__ only (tonlage.x.y -> tonlage.x is not a cycle)
    cycles = []
    for start in graph:
        stack, seen = [(start, [start])], set()
        while stack:
            node, path = stack.pop()
            for nxt in graph.get(node, ()):
                if (
                    nxt == start
                    and len(path) > 1
                    and not start.startswith(nxt + ".")
                    and not nxt.startswith(start + ".")
                ):
                    cycles.append(" -> ".join(path + [nxt]))
                elif nxt not in seen and not start.startswith(nxt + "."):
                    seen.add(nxt)
                    stack.append((nxt, path + [nxt]))
    assert not cycles, sorted(set(cycles))[:5]


# Internals of other projects used on purpose, each with its reason.
FOREIGN_PRIVATE = {
    # the themes' NMF runs sklearn's own coordinate update in bands on two threads; the result is
    # compared with sklearn's NMF bit for bit (tests/engine/test_themes.py), and without these
    # names the fit falls back to sklearn's NMF (tonlage.themes.factorise.sklearn_cd)
    "tonlage.themes.factorise: sklearn.decomposition._cdnmf_fast._update_cdnmf_fast",
    "tonlage.themes.factorise: sklearn.decomposition._nmf._initialize_nmf",
}


def test_no_private_names_are_imported_across_modules():
    bad = []
    for path in _python_files("tonlage"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and not node.module.startswith("__"):
                bad += [
                    f"{_module(path)}: {node.module}.{a.name}"
                    for a in node.names
                    if a.name.startswith("_") and not a.name.startswith("__")
                ]
    assert not set(bad) - FOREIGN_PRIVATE, bad


def _module_names(path: Path, modules) -> dict[str, str]:
    """Local name -> project module, for each module ``path`` binds by an import
    (``from . import jobs``, ``from tonlage.analysis import pipeline as p``, ``import tonlage.x``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = _module(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    bound: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1]) if node.level else ""
            mod = ".".join(x for x in (base, node.module or "") if x)
            for a in node.names:
                if f"{mod}.{a.name}" in modules:
                    bound[a.asname or a.name] = f"{mod}.{a.name}"
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.asname and a.name in modules:
                    bound[a.asname] = a.name
    return bound


def test_no_private_names_are_reached_through_another_module():
    """``pipeline._parse`` from another module is the same coupling as importing ``_parse``: the
    name is public where others need it. (Tests and benchmarks may reach in.)"""
    files = _python_files("tonlage")
    modules = {_module(p) for p in files}
    bad = []
    for path in files:
        bound = _module_names(path, modules)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in bound
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                bad.append(f"{_module(path)}: {bound[node.value.id]}.{node.attr}")
    assert not bad, sorted(set(bad))


def test_nothing_edits_sys_path():
    offenders = [
        str(p.relative_to(ROOT))
        for p in _python_files("tonlage", "components", "app_pages", "tests", "bench")
        if re.search(r"sys\.path\.(insert|append)", p.read_text(encoding="utf-8")) and p != Path(__file__)
    ]
    assert not offenders, offenders


def test_every_environment_variable_is_read_in_the_settings_module():
    readers = [
        str(p.relative_to(ROOT))
        for p in _python_files("tonlage", "components", "app_pages")
        if re.search(r"os\.environ\.get|os\.getenv|environ\[[\"']", p.read_text(encoding="utf-8"))
        and p.name != "settings.py"
    ]
    assert not readers, readers


def test_the_readme_lists_every_setting():
    from tonlage import settings

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- settings:start -->")[1].split("<!-- settings:end -->")[0].strip()
    assert table == settings.markdown_table(), "update the README's table from tonlage.settings.markdown_table()"


def _requirement_names(lines) -> dict[str, str]:
    out = {}
    for line in lines:
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            name = re.split(r"[<>=!~\[ ]", line, maxsplit=1)[0].lower().replace("_", "-")
            out[name] = line.replace(" ", "")
    return out


def test_the_package_declares_what_requirements_txt_installs():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = _requirement_names(project["dependencies"])
    pinned_set = _requirement_names((ROOT / "requirements.txt").read_text().splitlines())
    assert declared == pinned_set
    constraints = _requirement_names((ROOT / "constraints.txt").read_text().splitlines())
    assert set(declared) <= set(constraints), set(declared) - set(constraints)


@pytest.mark.slow
def test_the_installed_command_and_python_m_behave_the_same(tmp_path):
    tonlage = Path(sys.executable).with_name("tonlage")
    assert tonlage.is_file(), "pip install -e . installs the tonlage command"
    args = ["analyse", "data/corpus", "--format", "csv", "--no-cache"]
    a = subprocess.run([str(tonlage), *args], cwd=ROOT, capture_output=True, text=True, timeout=300)
    b = subprocess.run([sys.executable, "-m", "tonlage", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert (a.returncode, a.stdout, a.stderr) == (b.returncode, b.stdout, b.stderr)
    assert a.returncode == 0 and a.stdout.count("\n") >= 6
