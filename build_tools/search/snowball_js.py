"""Translate the installed ``snowballstemmer`` Python stemmers into JavaScript at build time.

Build time stems words with ``snowballstemmer``; the browser must stem queries with exactly the
same algorithm. The lunr-languages stemmers shipped with Material are older Snowball versions
(German differs on about 2 % of words, Russian on ``ё``, French on a few exceptions), so instead
the Python module that stems at build time is compiled to JavaScript. The generated Snowball
code uses a small, regular subset of Python: methods, ``while True`` loops, ``if`` chains,
assignments, and ``try: ... raise labN() ... except labN: pass`` for jumps, which maps to a
labelled JavaScript block with ``break labN``. Anything outside that subset raises
:class:`UnsupportedSyntax`, so a change in a future ``snowballstemmer`` cannot go unnoticed.

The runtime the generated class extends (``SSASnowball.BaseStemmer``, ``SSASnowball.Among``)
lives in ``overrides/assets/js/search-snowball.js``.
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import json

_COMPARE = {ast.Eq: "===", ast.NotEq: "!==", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}
_BINOP = {ast.Add: "+", ast.Sub: "-"}


class UnsupportedSyntax(Exception):
    """The stemmer module uses Python the translator does not handle."""


def _js_name(name: str) -> str:
    return name.lstrip("_") if name.startswith("__") else name


class _Function:
    """Translate one method body."""

    def __init__(self, class_name: str) -> None:
        self.class_name = class_name
        self.locals: set[str] = set()
        self.labels: list[tuple[str, str]] = []
        self.counter = 0

    def expr(self, node: ast.expr) -> str:
        if isinstance(node, ast.Constant):
            if node.value is True:
                return "true"
            if node.value is False:
                return "false"
            if node.value is None:
                return "null"
            if isinstance(node.value, (int, str)):
                return json.dumps(node.value, ensure_ascii=False)
        elif isinstance(node, ast.Name):
            if node.id == self.class_name:
                return "S"
            return node.id
        elif isinstance(node, ast.Attribute):
            base = self.expr(node.value)
            return f"{'this' if base == 'self' else base}.{_js_name(node.attr)}"
        elif isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _COMPARE:
            op = _COMPARE[type(node.ops[0])]
            return f"({self.expr(node.left)} {op} {self.expr(node.comparators[0])})"
        elif isinstance(node, ast.BoolOp):
            op = " && " if isinstance(node.op, ast.And) else " || "
            return "(" + op.join(self.expr(v) for v in node.values) + ")"
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return f"!{self.expr(node.operand)}"
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return f"-{self.expr(node.operand)}"
        elif isinstance(node, ast.BinOp) and type(node.op) in _BINOP:
            return f"({self.expr(node.left)} {_BINOP[type(node.op)]} {self.expr(node.right)})"
        elif isinstance(node, ast.Subscript) and not isinstance(node.slice, ast.Slice):
            return f"{self.expr(node.value)}[{self.expr(node.slice)}]"
        elif isinstance(node, ast.Call) and not node.keywords:
            if isinstance(node.func, ast.Name) and node.func.id == "len" and len(node.args) == 1:
                return f"{self.expr(node.args[0])}.length"
            if isinstance(node.func, ast.Attribute):
                return f"{self.expr(node.func)}({', '.join(self.expr(a) for a in node.args)})"
        raise UnsupportedSyntax(ast.unparse(node))

    def block(self, body: list[ast.stmt], indent: str) -> list[str]:
        out: list[str] = []
        for stmt in body:
            out.extend(self.stmt(stmt, indent))
        return out

    def stmt(self, node: ast.stmt, ind: str) -> list[str]:
        if isinstance(node, ast.Pass):
            return []
        if isinstance(node, ast.Expr):
            return [f"{ind}{self.expr(node.value)};"]
        if isinstance(node, ast.Return):
            return [f"{ind}return{' ' + self.expr(node.value) if node.value else ''};"]
        if isinstance(node, ast.Break):
            return [f"{ind}break;"]
        if isinstance(node, ast.Continue):
            return [f"{ind}continue;"]
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                self.locals.add(target.id)
            if isinstance(target, (ast.Name, ast.Attribute)):
                return [f"{ind}{self.expr(target)} = {self.expr(node.value)};"]
        if isinstance(node, ast.AugAssign) and type(node.op) in _BINOP:
            return [f"{ind}{self.expr(node.target)} {_BINOP[type(node.op)]}= {self.expr(node.value)};"]
        if isinstance(node, ast.If):
            lines = [f"{ind}if ({self.expr(node.test)}) {{", *self.block(node.body, ind + "  ")]
            if node.orelse:
                lines.append(f"{ind}}} else {{")
                lines.extend(self.block(node.orelse, ind + "  "))
            lines.append(f"{ind}}}")
            return lines
        if isinstance(node, ast.While) and not node.orelse and isinstance(node.test, ast.Constant) \
                and node.test.value is True:
            return [f"{ind}while (true) {{", *self.block(node.body, ind + "  "), f"{ind}}}"]
        if isinstance(node, ast.Try) and len(node.handlers) == 1 and not node.orelse and not node.finalbody:
            handler = node.handlers[0]
            if isinstance(handler.type, ast.Name) and all(isinstance(s, ast.Pass) for s in handler.body):
                self.counter += 1
                label = f"{handler.type.id}_{self.counter}"
                self.labels.append((handler.type.id, label))
                inner = self.block(node.body, ind + "  ")
                self.labels.pop()
                return [f"{ind}{label}: {{", *inner, f"{ind}}}"]
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and isinstance(node.exc.func, ast.Name):
            name = node.exc.func.id
            for py_label, js_label in reversed(self.labels):
                if py_label == name:
                    return [f"{ind}break {js_label};"]
        raise UnsupportedSyntax(ast.unparse(node))


def _literal(node: ast.expr, fn: _Function) -> str:
    if isinstance(node, ast.Set):
        return "new Set([" + ", ".join(fn.expr(e) for e in node.elts) + "])"
    if isinstance(node, (ast.List, ast.Tuple)):
        return "[" + ", ".join(_literal(e, fn) for e in node.elts) + "]"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Among":
        args = [fn.expr(a) if not isinstance(a, ast.Name) else f"S.prototype.{_js_name(a.id)}" for a in node.args]
        return f"new A({', '.join(args)})"
    return fn.expr(node)


@functools.cache
def translate(algorithm: str) -> str:
    """JavaScript source registering ``SSASnowball.stemmers[algorithm]`` (e.g. ``"german"``)."""
    module = importlib.import_module(f"snowballstemmer.{algorithm}_stemmer")
    tree = ast.parse(inspect.getsource(module))
    classes = [n for n in tree.body if isinstance(n, ast.ClassDef)
               and any(isinstance(b, ast.Name) and b.id == "BaseStemmer" for b in n.bases)]
    if len(classes) != 1:
        raise UnsupportedSyntax(f"{algorithm}: expected one stemmer class")
    cls = classes[0]
    fields: list[str] = []
    methods: list[str] = []
    statics: list[str] = []
    for item in cls.body:
        if isinstance(item, ast.Assign) and len(item.targets) == 1 and isinstance(item.targets[0], ast.Name):
            name = item.targets[0].id
            value = item.value
            if isinstance(value, ast.Constant) and isinstance(value.value, str) and name.startswith("g_"):
                value = ast.Set(elts=[ast.Constant(c) for c in value.value])  # a grouping given as a string
            if isinstance(value, ast.Constant):
                fields.append(f"    this.{name} = {_Function(cls.name).expr(value)};")
            else:
                statics.append(f"  S.{name} = {_literal(value, _Function(cls.name))};")
        elif isinstance(item, ast.FunctionDef):
            fn = _Function(cls.name)
            body = fn.block(item.body, "    ")
            declare = [f"    let {', '.join(sorted(fn.locals))};"] if fn.locals else []
            methods.append(f"  {_js_name(item.name)}() {{\n" + "\n".join(declare + body) + "\n  }")
        elif isinstance(item, ast.Expr) and isinstance(item.value, ast.Constant):
            continue
        else:
            raise UnsupportedSyntax(ast.unparse(item)[:80])
    header = f"// Generated at build time from snowballstemmer's {algorithm}_stemmer.py by build_tools.search.snowball_js"
    return "\n".join([
        header,
        "(function (root) {",
        '  "use strict";',
        "  const A = root.SSASnowball.Among;",
        "  class S extends root.SSASnowball.BaseStemmer {",
        "    constructor() {",
        "    super();",
        *fields,
        "    }",
        *methods,
        "  }",
        *statics,
        f"  root.SSASnowball.stemmers[{json.dumps(algorithm)}] = S;",
        "})(self);",
        "",
    ])
