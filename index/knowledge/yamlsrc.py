"""YAML reading that remembers line numbers, so every problem can point at a line.

`yaml.safe_load` throws line numbers away; coordinators fix files by line, so we
compose the node tree ourselves (SafeLoader semantics: no arbitrary objects) and
record the 1-based line of every mapping key and sequence item under its path,
e.g. ("services", 2, "themes", 1). Syntax errors become a `Problem` with a
Finnish explanation instead of PyYAML's English one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from index.errors import Problem
from index.knowledge.yamlcompose import compose as _compose
from index.memo import TextMemo

YPath = tuple[str | int, ...]
"""Where a value sits in a document: mapping keys (str) and list positions (int)."""

WHOLE_FILE = "(koko tiedosto)"
SYNTAX_FIELD = "YAML"

_STANDARD_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


@dataclass(frozen=True)
class YamlDoc:
    """Plain Python data (dict/list/str/int/float/bool/None/date) plus line numbers."""

    data: object
    lines: Mapping[YPath, int]
    raw: Mapping[YPath, str] = field(default_factory=dict)
    """Source text of scalars YAML turned into something else (`0401234567`, `no`, dates)."""

    def line(self, path: YPath) -> int:
        """Line of `path`, or of its nearest ancestor that has one (1 for the root)."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def field_name(path: YPath) -> str:
    """("services", 2, "themes") → "services[2].themes" (list positions count from 0)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out or WHOLE_FILE


def load_yaml(text: str, file: str, line_offset: int = 0) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse `text`; `line_offset` shifts reported lines (YAML front matter in Markdown).

    Returns (None, problems) when the text is not valid YAML at all. Structural
    oddities that still parse (a key given twice, an unknown tag) come back as
    problems next to the document. What was read may be remembered by its text
    (`remember_readings`); the document is then shared, so callers only read it.
    """
    doc, problems = _READ.get((file, line_offset, text), _read)
    return doc, list(problems)


def new_reading_pass() -> None:
    """The knowledge folder is about to be read again (see `index.memo`)."""
    _READ.new_pass()


def remember_readings(chars: int = 16_000_000) -> None:
    """Remember what is read, up to `chars` characters of YAML (16 million: ~90 MB, about
    10,000 services). For a process that re-reads the folder (the live reloader): parsing
    is nearly all of reading. Off by default, so a process that reads once keeps nothing."""
    _READ.capacity = chars


def remembering() -> bool:
    return _READ.capacity > 0  # `remember_readings` was called


_Key = tuple[str, int, str]
_READ: TextMemo[_Key, tuple[YamlDoc | None, tuple[Problem, ...]]] = TextMemo(
    0, lambda key, _: len(key[2])
)


def _read(key: _Key) -> tuple[YamlDoc | None, tuple[Problem, ...]]:
    file, line_offset, text = key
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as exc:
        return None, (_syntax_problem(exc, file, line_offset),)
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises marked errors in practice
        return None, (
            Problem(file, line_offset + 1, SYNTAX_FIELD, f"YAML-virhe: {exc}", _GENERIC_FIX),
        )
    builder = _Builder(file, line_offset)
    if root is None:
        return YamlDoc(None, {(): line_offset + 1}), ()
    data = builder.build(root, ())
    return YamlDoc(data, builder.lines, builder.raw), tuple(builder.problems)


class _Builder:
    """Turns a composed node tree into plain values, collecting lines and problems."""

    def __init__(self, file: str, line_offset: int) -> None:
        self.file = file
        self.offset = line_offset
        self.lines: dict[YPath, int] = {}
        self.raw: dict[YPath, str] = {}
        self.problems: list[Problem] = []
        self._constructor = yaml.SafeLoader("")  # only its scalar constructors are used
        self._active: set[int] = set()  # nodes being built, to stop recursive aliases

    def _line(self, node: Node) -> int:
        return int(node.start_mark.line) + 1 + self.offset

    def _problem(self, node: Node, path: YPath, message: str, fix: str) -> None:
        self.problems.append(Problem(self.file, self._line(node), field_name(path), message, fix))

    def build(self, node: Node, path: YPath) -> object:
        self.lines.setdefault(path, self._line(node))
        if id(node) in self._active:
            self._problem(node, path, "viittaus (*) osoittaa itseensä", "poista viittaus")
            return None
        self._active.add(id(node))
        try:
            if isinstance(node, MappingNode):
                return self._mapping(node, path)
            if isinstance(node, SequenceNode):
                return self._sequence(node, path)
            return self._scalar(node, path)
        finally:
            self._active.discard(id(node))

    def _check_tag(self, node: Node, path: YPath) -> None:
        if node.tag not in _STANDARD_TAGS:
            self._problem(
                node, path, f"YAML-tagi {node.tag} ei ole käytössä", "poista !-alkuinen merkintä"
            )

    def _mapping(self, node: MappingNode, path: YPath) -> dict[str, object]:
        self._check_tag(node, path)
        out: dict[str, object] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self._problem(
                    key_node,
                    path,
                    "kentän nimen pitää olla pelkkää tekstiä",
                    "kirjoita kenttä muodossa nimi: arvo",
                )
                continue
            key = str(key_node.value)  # raw text: `no:` stays "no", not False
            if key in out:
                self._problem(
                    key_node,
                    (*path, key),
                    f"kenttä {key} on annettu kahdesti (ensimmäinen rivillä {first_line[key]})",
                    "poista toinen kenttä tai yhdistä niiden sisältö",
                )
                continue
            first_line[key] = self._line(key_node)
            self.lines[(*path, key)] = first_line[key]
            out[key] = self.build(value_node, (*path, key))
        return out

    def _sequence(self, node: SequenceNode, path: YPath) -> list[object]:
        self._check_tag(node, path)
        return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]

    def _scalar(self, node: Node, path: YPath) -> object:
        try:
            value: object = self._constructor.construct_object(node, deep=True)
        except ValueError:
            # A timestamp-looking value that is no real date ("2025-13-01"): keep the
            # text so the field check can say it is a bad date.
            return str(node.value)
        except yaml.constructor.ConstructorError:
            self._problem(
                node,
                path,
                f"YAML-tagi {node.tag} ei ole käytössä",
                "poista !-alkuinen merkintä tai laita arvo lainausmerkkeihin",
            )
            return str(node.value)
        if not isinstance(value, str):
            self.raw[path] = str(node.value)
        return value


_GENERIC_FIX = "tarkista sisennys, kaksoispisteet ja lainausmerkit tällä ja edellisellä rivillä"

# (substring of PyYAML's context | problem, use the context line?, what is wrong, how to fix it)
_SYNTAX_HINTS: list[tuple[str, bool, str, str]] = [
    (
        "mapping values are not allowed",
        False,
        "ylimääräinen kaksoispiste tai liian syvä sisennys",
        "jos tekstissä on kaksoispiste (esim. 'Huom: ...'), laita koko arvo lainausmerkkeihin; "
        "muuten tarkista, että sisennys on sama kuin viereisillä kentillä",
    ),
    (
        "could not find expected ':'",
        True,
        "riviltä puuttuu kaksoispiste kentän nimen perästä",
        "kirjoita muodossa kenttä: arvo (kaksoispisteen jälkeen välilyönti)",
    ),
    (
        "found character '\\t'",
        False,
        "sisennyksessä on sarkain (tab)",
        "korvaa sarkaimet välilyönneillä",
    ),
    (
        "scanning a quoted scalar",
        True,
        "lainausmerkki jäi sulkematta",
        "lisää puuttuva lainausmerkki arvon loppuun",
    ),
    (
        "expected ',' or ']'",
        True,
        "hakasulkeissa [ ] oleva lista ei sulkeudu oikein",
        "tarkista, että arvojen välissä on pilkut ja listan lopussa ]; "
        "laita kaksoispisteen sisältävä arvo lainausmerkkeihin",
    ),
    (
        "expected ',' or '}'",
        True,
        "aaltosulkeissa { } oleva rakenne ei sulkeudu oikein",
        "tarkista, että osien välissä on pilkut ja lopussa }",
    ),
    (
        "found '<scalar>'",
        False,
        "arvon jälkeen on ylimääräistä tekstiä (usein lainausmerkki keskellä tekstiä)",
        'jos tekstissä on heittomerkki (\'), kirjoita koko arvo lainausmerkkeihin "..."',
    ),
    (
        "expected <block end>",
        False,
        "sisennys ei täsmää edellisiin riveihin",
        "tarkista, että saman tason kentät ja listan alkiot (-) alkavat samasta sarakkeesta",
    ),
    (
        "did not find expected key",
        False,
        "sisennys ei täsmää edellisiin riveihin",
        "tarkista, että saman tason kentät alkavat samasta sarakkeesta",
    ),
    (
        "did not find expected '-'",
        False,
        "listan alkion sisennys ei täsmää",
        "aloita jokainen listan alkio samasta sarakkeesta merkillä -",
    ),
    (
        "undefined alias",
        False,
        "arvo ei voi alkaa tähdellä (*)",
        "laita arvo lainausmerkkeihin",
    ),
    (
        "that cannot start any token",
        False,
        "arvo alkaa merkillä, jolla YAML-arvo ei voi alkaa (esim. @, ` tai %)",
        "laita arvo lainausmerkkeihin",
    ),
    (
        "another document",
        False,
        "tiedostossa on ylimääräinen ---- tai ...-rivi",
        "poista rivi; yhdessä tiedostossa on vain yksi YAML-dokumentti",
    ),
]


def _syntax_problem(exc: yaml.MarkedYAMLError, file: str, line_offset: int) -> Problem:
    problem = f"{exc.context or ''} | {exc.problem or ''}"
    what, fix, use_context = "YAML-rakenne on virheellinen", _GENERIC_FIX, False
    for needle, context_first, hint_what, hint_fix in _SYNTAX_HINTS:
        if needle in problem:
            what, fix, use_context = hint_what, hint_fix, context_first
            break
    mark = exc.problem_mark
    if use_context and exc.context_mark is not None:
        mark = exc.context_mark
    line = (int(mark.line) + 1 if mark is not None else 1) + line_offset
    column = f" (sarake {int(mark.column) + 1})" if mark is not None else ""
    return Problem(file, line, SYNTAX_FIELD, f"{what}{column}", fix)
