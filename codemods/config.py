"""`[tool.nylas-upgrade]` in pyproject.toml, found by walking up from the first path, as ruff finds its own.

Keys: grant (str), select, ignore (lists of rule IDs or family prefixes), exclude and extend-exclude
(gitignore-style patterns, relative to the pyproject.toml's directory, matched by the pathspec library as git
matches .gitignore lines: `generated/` is a directory at any depth, `/top.py` is anchored, `*` stops at `/`,
`**` crosses directories, `!keep.py` re-includes).
Flags given on the command line win. An unknown key or a wrong type is a ConfigError (exit 2).
"""
from __future__ import annotations

import functools
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence, Tuple

KEYS = {"grant": str, "select": list, "ignore": list, "exclude": list, "extend-exclude": list, "base-names": list}


class ConfigError(Exception):
    pass


@dataclass(frozen=True)
class Config:
    root: Optional[Path] = None
    grant: Optional[str] = None
    select: Tuple[str, ...] = ()
    ignore: Tuple[str, ...] = ()
    exclude: Tuple[str, ...] = ()
    base_names: Tuple[str, ...] = ()  # names (NYLAS_API, settings.NYLAS_URL) that hold a Nylas base URL set elsewhere

    @functools.cached_property
    def _spec(self):
        return exclude_spec(self.exclude)

    def excluder(self):
        """`excluded` for discovery, or None when nothing is excluded: the walk then makes no Path per file."""
        return self.excluded if self.exclude and self.root is not None else None

    def excluded(self, path: Path) -> bool:
        if not self.exclude or self.root is None:
            return False
        try:
            rel = path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return False
        return self._spec.match_file(rel + "/" if path.is_dir() else rel)  # a trailing / marks a directory


def exclude_spec(patterns: Sequence[str]):
    """Imported only when a project configures exclusions (pathspec costs ~30 ms to import)."""
    import pathspec

    try:
        return pathspec.GitIgnoreSpec.from_lines(patterns)
    except (ValueError, TypeError) as exc:  # GitWildMatchPatternError is a ValueError
        raise ConfigError(f"exclude: {exc}") from None


def _toml_loads(text: str) -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python < 3.11
        import tomli as tomllib
    return tomllib.loads(text)


def find(paths: Sequence[Path]) -> Config:
    start = (paths[0] if paths else Path(".")).resolve()
    for directory in [start] + list(start.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            try:
                data = _toml_loads(candidate.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, ValueError) as exc:
                raise ConfigError(f"{candidate}: cannot read: {exc}") from None
            section = data.get("tool", {}).get("nylas-upgrade")
            if section is not None:
                return _parse(candidate, section)
    return Config()


def _parse(path: Path, section: object) -> Config:
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [tool.nylas-upgrade] must be a table")
    for key, value in section.items():
        if key not in KEYS:
            raise ConfigError(f"{path}: [tool.nylas-upgrade]: unknown key {key!r} (known: {', '.join(sorted(KEYS))})")
        if not isinstance(value, KEYS[key]) or (isinstance(value, list) and not all(isinstance(v, str) for v in value)):
            raise ConfigError(f"{path}: [tool.nylas-upgrade]: {key!r} must be a {'list of strings' if KEYS[key] is list else 'string'}")
    exclude = tuple(section.get("exclude", ())) + tuple(section.get("extend-exclude", ()))
    if exclude:
        try:
            exclude_spec(exclude)  # a bad pattern is a configuration error now, not a crash mid-walk
        except ConfigError as exc:
            raise ConfigError(f"{path}: [tool.nylas-upgrade]: {exc}") from None
    return Config(
        root=path.parent,
        grant=section.get("grant"),
        select=tuple(section.get("select", ())),
        ignore=tuple(section.get("ignore", ())),
        exclude=exclude,
        base_names=_base_names(path, section.get("base-names", ())),
    )


def _base_names(path: Path, names) -> Tuple[str, ...]:
    for name in names:
        if not all(part.isidentifier() for part in name.split(".")):
            raise ConfigError(f"{path}: [tool.nylas-upgrade]: base-names: {name!r} is not a name or dotted name")
    return tuple(names)
