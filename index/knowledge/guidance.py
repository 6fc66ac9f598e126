"""guidance/<doc-id>.md: YAML front matter plus a Markdown body split at `##` headings.

Sections are the natural chunks for search; each gets a slug that is stable as
long as its heading is, because `<doc-id>#<slug>` is a result id people may cite.
"""

from __future__ import annotations

import re

from index.errors import Problem
from index.knowledge.fields import Fields
from index.knowledge.model import GuidanceDoc, GuidanceSection, SourceRef
from index.knowledge.slugs import did_you_mean, slugify, suggest
from index.knowledge.problems import Checker, IdRegistry
from index.knowledge.yamlsrc import WHOLE_FILE, load_yaml

AUDIENCES = {
    "ammattilaiset": "ammattilaiset",
    "jarjestot": "järjestöt",
    "koordinaattorit": "koordinaattorit",
}
GUIDANCE_FIELDS = {"id", "title", "audience", "tags", "updated"}
_H2 = re.compile(r"^##(?!#)\s*(.*?)\s*#*\s*$")
_FENCE = ("```", "~~~")


def read_guidance(
    file: str, text: str, problems: list[Problem], guidance_ids: IdRegistry
) -> GuidanceDoc | None:
    """One guidance document, or None (with problems recorded) if it is not valid."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        problems.append(
            Problem(
                file,
                1,
                WHOLE_FILE,
                "ohjeen alusta puuttuu tietolohko (---)",
                "aloita tiedosto rivillä --- ja sen alla id:, title:, audience:, tags: ja "
                "updated:, ja sulje lohko toisella --- -rivillä",
            )
        )
        return None
    close = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if close is None:
        problems.append(
            Problem(
                file,
                1,
                WHOLE_FILE,
                "ohjeen alun tietolohko ei sulkeudu",
                "lisää tietolohkon loppuun rivi ---",
            )
        )
        return None
    doc, yaml_problems = load_yaml("\n".join(lines[1:close]), file, line_offset=1)
    problems.extend(yaml_problems)
    if doc is None:
        return None
    ck = Checker(file, doc, problems)
    f = Fields.of(ck, (), doc.data, "", GUIDANCE_FIELDS)
    if f is None:
        return None
    ident = f.slug("id")
    if ident is not None and not guidance_ids.claim(ck, ("id",), ident):
        ident = None
    title = f.string("title")
    audience: list[str] = []
    for path, value in f.strings("audience"):
        if value in AUDIENCES:
            audience.append(value)
        else:
            guess = did_you_mean(suggest(value, AUDIENCES, {v: k for k, v in AUDIENCES.items()}))
            ck.report(
                path,
                f'tuntematon kohdeyleisö "{value}"',
                f"{guess} Sallitut: {', '.join(AUDIENCES)}".strip(),
            )
    tags = tuple(value for _, value in f.strings("tags", required=False))
    updated = f.date("updated")
    intro, sections = split_sections(lines[close + 1 :], first_line=close + 2)
    if not intro and not sections:
        problems.append(
            Problem(
                file, close + 1, WHOLE_FILE, "ohjeessa ei ole tekstiä", "kirjoita ohjeen teksti"
            )
        )
        return None
    if ident is None or title is None or not audience or updated is None:
        return None
    return GuidanceDoc(
        id=ident,
        title=title,
        audience=tuple(audience),
        tags=tags,
        updated=updated,
        intro=intro,
        sections=tuple(sections),
        source=SourceRef(file, 1),
    )


def split_sections(body: list[str], first_line: int) -> tuple[str, list[GuidanceSection]]:
    """Intro (the `# ` title line left out) and the `## ` sections of a Markdown body.

    `first_line` is the file line of `body[0]`. Headings inside code fences don't count.
    """
    intro: list[str] = []
    sections: list[GuidanceSection] = []
    heading: tuple[str, int] | None = None
    chunk: list[str] = []
    used: set[str] = set()
    in_fence = False

    def flush() -> None:
        if heading is None:
            intro.extend(chunk)
        else:
            slug = _unique(slugify(heading[0]) or "osio", used)
            sections.append(GuidanceSection(slug, heading[0], _join(chunk), heading[1]))

    for number, line in enumerate(body, start=first_line):
        if line.lstrip().startswith(_FENCE):
            in_fence = not in_fence
        match = None if in_fence else _H2.match(line)
        if match is None:
            chunk.append(line)
            continue
        flush()
        heading, chunk = (match.group(1), number), []
    flush()
    title = next((i for i, line in enumerate(intro) if line.strip()), None)
    if title is not None and re.match(r"^#\s", intro[title]):
        del intro[title]
    return _join(intro), sections


def _unique(slug: str, used: set[str]) -> str:
    candidate, n = slug, 1
    while candidate in used:
        n += 1
        candidate = f"{slug}-{n}"
    used.add(candidate)
    return candidate


def _join(lines: list[str]) -> str:
    return "\n".join(lines).strip("\n").rstrip()
