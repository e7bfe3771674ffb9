"""Turn a parsed TOML document into typed, frozen dataclasses, collecting every problem with its
key path (`services[3].prefix`) instead of stopping at the first one. Generic: knows nothing of
Antre's sections, only of dataclass fields and their types."""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, TypeVar, Union

T = TypeVar("T")
_MISSING = dataclasses.MISSING


def _type_name(tp: Any) -> str:
    origin = typing.get_origin(tp)
    if origin in (list, tuple):
        return "a list"
    if origin is dict:
        return "a table"
    if dataclasses.is_dataclass(tp):
        return "a table"
    if origin in (Union, types.UnionType):
        return " or ".join(_type_name(a) for a in typing.get_args(tp) if a is not type(None))
    return {str: "text", int: "a whole number", float: "a number", bool: "true or false"}.get(
        tp, getattr(tp, "__name__", str(tp))
    )


class Loader:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append(f"{path or '(top level)'}: {message}")

    def load(self, cls: type[T], data: Any, path: str = "") -> T | None:
        if not isinstance(data, dict):
            self.problem(path, f"should be a table, not {data!r}")
            return None
        hints = typing.get_type_hints(cls)
        fields = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        values: dict[str, Any] = {}
        ok = True
        for key in data:
            if key not in fields:
                known = ", ".join(sorted(fields))
                self.problem(_join(path, key), f"unknown key (known keys here: {known})")
                ok = False
        for name, field in fields.items():
            sub = _join(path, name)
            if name in data:
                value = self.convert(hints[name], data[name], sub)
                if value is _MISSING:
                    ok = False
                else:
                    values[name] = value
            elif field.default is _MISSING and field.default_factory is _MISSING:
                self.problem(sub, "is required")
                ok = False
        return cls(**values) if ok else None

    def convert(self, tp: Any, value: Any, path: str) -> Any:
        origin = typing.get_origin(tp)
        if origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            return self.convert(args[0], value, path)
        if dataclasses.is_dataclass(tp):
            loaded = self.load(tp, value, path)  # type: ignore[arg-type]
            return _MISSING if loaded is None else loaded
        if origin in (list, tuple):
            if not isinstance(value, list):
                self.problem(path, f"should be {_type_name(tp)}, not {value!r}")
                return _MISSING
            (item_tp, *_) = typing.get_args(tp)
            items = [self.convert(item_tp, v, f"{path}[{i}]") for i, v in enumerate(value)]
            return _MISSING if any(i is _MISSING for i in items) else tuple(items)
        if origin is dict:
            if not isinstance(value, dict):
                self.problem(path, f"should be a table, not {value!r}")
                return _MISSING
            _, val_tp = typing.get_args(tp)
            out = {k: self.convert(val_tp, v, _join(path, k)) for k, v in value.items()}
            return _MISSING if any(v is _MISSING for v in out.values()) else out
        if tp is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if tp is int and isinstance(value, bool):
            self.problem(path, f"should be {_type_name(tp)}, not {value!r}")
            return _MISSING
        if isinstance(value, tp):
            return value
        self.problem(path, f"should be {_type_name(tp)}, not {value!r}")
        return _MISSING


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
