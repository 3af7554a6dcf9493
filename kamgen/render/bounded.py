"""A Jinja sandbox that also bounds what a playbook may cost.

Jinja's sandbox keeps a template away from Python's internals, but not from
the machine's memory and time: ``{{ "a " * 10**8 }}``, a string doubled in a
loop or two nested ``range(99999)`` loops eat gigabytes or hours before any
error. :class:`BoundedSandbox` stops them with a clear error that names the
template and line:

- every text or list a template makes (an operator, a ``~`` concatenation, a
  filter, a method call) may hold at most ``output_chars`` characters, and
  the operations that multiply a size (``*``, ``**``, ``%``-formatting,
  padding and indent widths, ``replace``) are checked *before* they run;
- every loop iteration and call checks the clock against ``seconds``;
- the rendered page itself is counted as it is produced.

The limits come from ``template_output_mb`` and ``template_seconds`` in the
plugin options (:class:`kamgen.config.KamgenOptions`).
"""

from __future__ import annotations

import functools
import math
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

_NUMBER = re.compile(r"\d+")
# str methods whose result can be much larger than the string and arguments.
_GROWING = {"center", "ljust", "rjust", "zfill", "expandtabs", "replace", "join", "format", "format_map"}


@dataclass(frozen=True)
class Limits:
    """What one render of one template may produce and take."""

    output_chars: int = 20_000_000
    seconds: float = 30.0

    @property
    def megabytes(self) -> float:
        return self.output_chars / 1_000_000


class TooCostlyError(SecurityError):
    """A template went past a :class:`Limits`; reported as "not allowed in a playbook"."""


def _size(value: Any) -> int:
    """Characters (text) or items (sequences, ranges) a value holds; 0 for anything else."""
    if isinstance(value, str | bytes | list | tuple | dict | set | frozenset | range):
        return len(value)
    return 0


def _text_size(values: Any) -> int:
    """An estimate of the text ``values`` (a sequence) stands for, items counted as at least 1."""
    return sum(max(1, _size(v)) for v in values)


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The sandbox playbooks run in, with :class:`Limits` on size and time."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, *, limits: Limits, **options: Any) -> None:
        super().__init__(**options)
        self.limits = limits
        self._clock = threading.local()  # renders of `kamgen serve` may overlap in threads
        del self.globals["lipsum"]  # lipsum(n=10**9) writes text without a loop to stop it
        self.filters: _BoundedFilters = _BoundedFilters(self, self.filters)

    # -- the clock -----------------------------------------------------------------
    def render_bounded(self, template: jinja2.Template, context: Mapping[str, Any]) -> str:
        """``template`` rendered with ``context``, stopped when it grows or runs past the limits."""
        self._clock.deadline = time.monotonic() + self.limits.seconds
        try:
            return "".join(self._counted(template.generate(context)))
        finally:
            self._clock.deadline = None

    def _counted(self, stream: Iterator[str]) -> Iterator[str]:
        total = 0
        for chunk in stream:
            total += len(chunk)
            if total > self.limits.output_chars:
                # Raised at the template's own line, so the error says where the page grew.
                stream.throw(self._too_large())  # type: ignore[attr-defined]
            yield chunk

    def kamgen_tick(self) -> bool:
        """Called at every loop iteration (see :meth:`_parse`) and every call: stops a template that runs too long."""
        deadline = getattr(self._clock, "deadline", None)
        if deadline is not None and time.monotonic() > deadline:
            raise TooCostlyError(
                f"the template ran longer than {self.limits.seconds:g} s and was stopped (a loop too large?); "
                "raise template_seconds under plugins: kamgen in mkdocs.yml if it is meant"
            )
        return True

    def _too_large(self) -> TooCostlyError:
        return TooCostlyError(
            f"the page would grow past {self.limits.megabytes:g} MB and was stopped; "
            "raise template_output_mb under plugins: kamgen in mkdocs.yml if it is meant"
        )

    def bounded(self, value: Any) -> Any:
        if _size(value) > self.limits.output_chars:
            raise self._too_large()
        return value

    def refuse_above(self, estimate: float) -> None:
        """Refuse an operation whose result would hold ``estimate`` characters, before it runs."""
        if estimate > self.limits.output_chars:
            raise self._too_large()

    # -- loops and concatenation, instrumented when a template is compiled ----------------
    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for concat in tree.find_all(nodes.Concat):
            parts = nodes.List(concat.nodes, lineno=concat.lineno)
            concat.nodes = [_call("kamgen_concat", [parts], concat.lineno)]
        for loop in tree.find_all(nodes.For):
            tick = _call("kamgen_tick", [], loop.lineno)
            loop.body.insert(0, nodes.ExprStmt(tick, lineno=loop.lineno))
            if loop.test is not None:  # `for x in y if z`: items the test skips cost time too
                loop.test = nodes.And(tick, loop.test, lineno=loop.lineno)
        return tree

    def kamgen_concat(self, parts: list[Any]) -> str:
        texts = [str(part) for part in parts]
        self.refuse_above(sum(map(len, texts)))
        return "".join(texts)

    # -- operators and calls -------------------------------------------------------------
    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        self.kamgen_tick()
        self.refuse_above(_binop_estimate(operator, left, right))
        return self.bounded(super().call_binop(context, operator, left, right))

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - as Jinja's
        __self.kamgen_tick()
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str) and getattr(__obj, "__name__", "") in _GROWING:
            __self.refuse_above(_method_estimate(owner, __obj.__name__, args, kwargs))
        return __self.bounded(super().call(__context, __obj, *args, **kwargs))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        # Jinja swaps "…".format for its own function when the attribute is read, so call() never sees the string.
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        text, method = value.__self__, value.__name__

        def bounded(*args: Any, **kwargs: Any) -> str:
            self.refuse_above(_method_estimate(text, method, args, kwargs))
            return wrapped(*args, **kwargs)

        return bounded


def _call(method: str, args: list[nodes.Expr], lineno: int) -> nodes.Call:
    # An environment attribute, not a name: a template cannot shadow it with {% set %}.
    return nodes.Call(nodes.EnvironmentAttribute(method), args, [], None, None, lineno=lineno)


# Widths and precisions in str.format specs ("{:>30}", "{0:.9f}") and %-formats ("%30s", "%.9f", "%*s").
_FORMAT_SPEC = re.compile(r"\{[^{}]*:([^{}]*)\}")
_NESTED_SPEC = re.compile(r"\{[^{}]*:[^{}]*\{")
_PERCENT_SPEC = re.compile(r"%[-#0 +]*(\d+|\*)?(?:\.(\d+|\*))?")
# Bits an integer a template computes may have: far beyond any money figure, far below a slow one.
INT_BITS = 4096


def _ints(values: Any) -> list[int]:
    return [v for v in values if isinstance(v, int) and not isinstance(v, bool)]


def _spec_number(text: str) -> float:
    """The largest width or precision written in a format string (inf when it is absurdly long)."""
    found = [0.0]
    for spec in _FORMAT_SPEC.findall(text):
        found.extend(float(n) if len(n) < 20 else math.inf for n in _NUMBER.findall(spec))
    for width, precision in _PERCENT_SPEC.findall(text):
        found.extend(float(n) if len(n) < 20 else math.inf for n in (width, precision) if n.isdigit())
    return max(found)


def _binop_estimate(operator: str, left: Any, right: Any) -> float:
    """The size of ``left <operator> right`` before it is computed (0 when it cannot grow)."""
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            if _ints([times]) and _size(seq):
                size = len(seq) if isinstance(seq, str) else _text_size(seq)
                return float(size * max(int(times), 0))
        if _ints([left]) and _ints([right]) and left.bit_length() + right.bit_length() > INT_BITS:
            return math.inf
    if operator == "**" and _ints([left]) and _ints([right]) and abs(left) > 1 and right > 0:
        return math.inf if right * math.log2(abs(left)) > INT_BITS else 0
    if operator == "%" and isinstance(left, str):
        args = right if isinstance(right, tuple) else (right,)
        stars = max(_ints(args), default=0) if "*" in left else 0  # "%*s" takes its width from the values
        return len(left) + max(_spec_number(left), stars) + _text_size(args)
    if operator == "+":
        return _size(left) + _size(right)
    return 0


def _method_estimate(text: str, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> float:
    """The size of ``text.method(*args, **kwargs)`` before it is computed."""
    values = (*args, *kwargs.values())
    ints = _ints(values)
    if method in ("center", "ljust", "rjust", "zfill"):
        return max(len(text), *ints, 0)
    if method == "expandtabs":
        return len(text) * max(1, *ints)
    if method == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
        return len(text) + (text.count(args[0]) if args[0] else len(text) + 1) * len(args[1])
    if method == "join" and args:
        count = _size(args[0])
        return _text_size(args[0]) + len(text) * count if count else 0
    nested = max(ints, default=0) if _NESTED_SPEC.search(text) else 0  # "{:{}}" takes its width from the values
    return len(text) + max(_spec_number(text), nested) + _text_size(values)


class _BoundedFilters(dict[str, Callable[..., Any]]):
    """Jinja's filters, each refusing a result past the limits (filters bypass the sandbox's ``call``)."""

    def __init__(self, env: BoundedSandbox, filters: Mapping[str, Callable[..., Any]]) -> None:
        super().__init__()
        self.env = env
        self.originals: dict[str, Callable[..., Any]] = {}  # for kamgen's own templates, run unbounded
        for name, function in filters.items():
            self[name] = function

    def __setitem__(self, name: str, function: Callable[..., Any]) -> None:
        self.originals[name] = function
        super().__setitem__(name, _bounded_filter(self.env, name, function))

    def update(self, *others: Any, **more: Callable[..., Any]) -> None:
        for name, function in dict(*others, **more).items():
            self[name] = function


def _filter_estimate(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> float:
    """The size of a growing filter's result before it runs (0 for the others)."""
    at = next((i for i, a in enumerate(args) if isinstance(a, str)), None)
    if at is None:
        return 0
    text, rest = args[at], args[at + 1 :]
    values = (*rest, *kwargs.values())
    if name == "indent":  # each line gets the width (a number or a text) again
        width = max([*_ints(values), *(len(v) for v in values if isinstance(v, str))], default=4)
        return float(len(text) + (text.count("\n") + 1) * width)
    if name == "wordwrap":  # each break may insert the wrap string
        wrap = kwargs.get("wrapstring") or (rest[2] if len(rest) > 2 else None)
        return len(text) * (1 + len(wrap)) if isinstance(wrap, str) else len(text) * 2
    if name == "center":
        return max(len(text), *_ints(values), 0)
    if name == "format":
        return _binop_estimate("%", text, tuple(rest))
    if name == "replace":
        return _method_estimate(text, "replace", tuple(rest), {})
    if name == "join" and at > 0:  # join(value, d): the separator repeats between items
        return _method_estimate(text, "join", (args[at - 1],), {})
    return 0


def _bounded_filter(env: BoundedSandbox, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)  # keeps Jinja's pass_context / pass_environment marks
    def bounded(*args: Any, **kwargs: Any) -> Any:
        env.kamgen_tick()
        env.refuse_above(_filter_estimate(name, args, kwargs))
        return env.bounded(function(*args, **kwargs))

    return bounded
