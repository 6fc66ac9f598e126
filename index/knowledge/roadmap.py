"""roadmap/roadmap.yaml and roadmap/roles.yaml: goals, workstreams, actions and roles."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from index.knowledge.fields import Fields
from index.knowledge.model import Action, Goal, Roadmap, Role, SourceRef, Workstream
from index.knowledge.slugs import did_you_mean, suggest
from index.knowledge.problems import Checker, IdRegistry
from index.knowledge.yamlsrc import YPath

STATUSES = {
    "toteutuu": "toteutuu",
    "osittain": "toteutuu osittain",
    "ei-toteudu": "ei toteudu",
    "kesken": "kesken",
}
ORIGINS = {"siirtynyt-2024": "siirtyi vuodelta 2024 (*)", "selvitys": "nostettu selvityksestä (**)"}
ROLE_KINDS = {
    "toimielin": "toimielin",
    "rooli": "rooli",
    "verkosto": "verkosto",
    "yksikko": "yksikkö",
}
RESERVED_IDS = {"vision", "binding-goal", "development-proposals"}

_ROADMAP_FIELDS = {"id", "title", "source", "notes", "vision", "binding_goal"} | {
    "development_proposals",
    "goals",
}
_GOAL_FIELDS = {"id", "number", "title", "workstreams", "achievements_2024"}
_WORKSTREAM_FIELDS = {"id", "title", "actions"}
_ACTION_FIELDS = {"id", "year", "text", "status", "origin", "responsible"}
_ROLE_FIELDS = {"id", "name", "kind", "description", "responsibilities", "contact"}


def read_roles(ck: Checker) -> tuple[dict[str, Role], dict[str, str] | None]:
    """Valid roles, and every declared role id → name (None if the file is unusable).

    Declared ids are what `responsible` is checked against, so one broken role
    doesn't also make every action that names it an error.
    """
    top = Fields.of(ck, (), ck.doc.data, "", {"roles"})
    if top is None or not isinstance(top.data.get("roles"), list):
        if top is not None:
            top.items("roles")  # reports what is wrong with it
        return {}, None
    registry = IdRegistry("roolin tunniste")
    roles: dict[str, Role] = {}
    declared: dict[str, str] = {}
    for path, item in top.items("roles"):
        raw_id = item.get("id") if isinstance(item, dict) else None
        f = Fields.of(ck, path, item, f"rooli {raw_id}" if raw_id else "", _ROLE_FIELDS)
        if f is None:
            continue
        ident = f.slug("id")
        if ident is not None and not registry.claim(ck, (*path, "id"), ident):
            ident = None
        name = f.string("name")
        if ident is not None:
            declared[ident] = name or ident
        kind = f.enum("kind", ROLE_KINDS)
        description = f.string("description")
        duties = tuple(text for _, text in f.strings("responsibilities"))
        contact = f.string("contact", required=False)
        if ident and name and kind and description and duties:
            roles[ident] = Role(
                ident, name, kind, description, duties, contact, SourceRef(ck.file, f.line())
            )
    return roles, declared


def read_roadmap(ck: Checker, declared_roles: Mapping[str, str] | None) -> Roadmap | None:
    """The roadmap; `declared_roles` None means roles.yaml is broken (skip that check)."""
    f = Fields.of(ck, (), ck.doc.data, "", _ROADMAP_FIELDS)
    if f is None:
        return None
    ids = IdRegistry("tiekartan tunniste")
    ident = f.slug("id")
    title, source = f.string("title"), f.string("source")
    notes, vision = f.string("notes", required=False), f.string("vision")
    binding_text: str | None = None
    metrics: tuple[str, ...] = ()
    if f.present("binding_goal", required=True):
        binding = Fields.of(ck, ("binding_goal",), f.data["binding_goal"], "", {"text", "metrics"})
        if binding is not None:
            binding_text = binding.string("text")
            metrics = tuple(text for _, text in binding.strings("metrics"))
    proposals = tuple(text for _, text in f.strings("development_proposals"))
    goals: list[Goal] = []
    numbers: dict[int, int] = {}
    for path, item in f.items("goals"):
        goal = _goal(ck, path, item, ids, declared_roles)
        if goal is None:
            continue
        if goal.number in numbers:
            ck.report(
                (*path, "number"),
                f"tavoitenumero {goal.number} on jo käytössä rivillä {numbers[goal.number]}",
                "anna jokaiselle tavoitteelle oma numero",
            )
        numbers.setdefault(goal.number, ck.line(path))
        goals.append(goal)
    if not (ident and title and source and vision and binding_text and metrics and proposals):
        return None
    return Roadmap(
        id=ident,
        title=title,
        source_text=source,
        notes=notes,
        vision=vision,
        binding_goal=binding_text,
        metrics=metrics,
        development_proposals=proposals,
        goals=tuple(goals),
        source=SourceRef(ck.file, 1),
    )


def _item_fields(
    ck: Checker, path: YPath, item: object, what: str, allowed: Collection[str]
) -> Fields | None:
    raw_id = item.get("id") if isinstance(item, dict) else None
    return Fields.of(ck, path, item, f"{what} {raw_id}" if raw_id else what, allowed)


def _roadmap_id(f: Fields, ids: IdRegistry) -> str | None:
    ident = f.slug("id")
    if ident in RESERVED_IDS:
        f.report("id", f"tunniste {ident} on varattu", "anna toinen tunniste")
        return None
    if ident is not None and not ids.claim(f.ck, (*f.path, "id"), ident):
        return None
    return ident


def _goal(
    ck: Checker, path: YPath, item: object, ids: IdRegistry, roles: Mapping[str, str] | None
) -> Goal | None:
    f = _item_fields(ck, path, item, "tavoite", _GOAL_FIELDS)
    if f is None:
        return None
    ident = _roadmap_id(f, ids)
    number, title = f.integer("number", required=True, minimum=1), f.string("title")
    workstreams: list[Workstream] = []
    for ws_path, ws_item in f.items("workstreams"):
        ws = _item_fields(ck, ws_path, ws_item, "toimenpidekokonaisuus", _WORKSTREAM_FIELDS)
        if ws is None:
            continue
        ws_id, ws_title = _roadmap_id(ws, ids), ws.string("title")
        actions = [
            action
            for a_path, a_item in ws.items("actions")
            if (action := _action(ck, a_path, a_item, ids, roles)) is not None
        ]
        if ws_id and ws_title:
            workstreams.append(
                Workstream(ws_id, ws_title, tuple(actions), SourceRef(ck.file, ws.line()))
            )
    achievements = tuple(text for _, text in f.strings("achievements_2024", required=False))
    if ident is None or number is None or title is None:
        return None
    return Goal(
        ident, number, title, tuple(workstreams), achievements, SourceRef(ck.file, f.line())
    )


def _action(
    ck: Checker, path: YPath, item: object, ids: IdRegistry, roles: Mapping[str, str] | None
) -> Action | None:
    f = _item_fields(ck, path, item, "toimenpide", _ACTION_FIELDS)
    if f is None:
        return None
    ident = _roadmap_id(f, ids)
    year, text = f.integer("year", required=True, minimum=2000), f.string("text")
    status = f.enum("status", STATUSES, required=False)
    origin = f.enum("origin", ORIGINS, required=False)
    responsible: list[str] = []
    for r_path, role in f.strings("responsible"):
        responsible.append(role)
        if roles is None or role in roles:
            continue
        aliases = {name.casefold(): rid for rid, name in roles.items()}
        guess = did_you_mean(suggest(role, roles, aliases))
        ck.report(
            r_path,
            f'tuntematon rooli "{role}" ({f.label})',
            f"{guess} Roolit ja niiden tunnisteet ovat tiedostossa roadmap/roles.yaml.".strip(),
        )
    if ident is None or year is None or text is None or not responsible:
        return None
    return Action(
        ident, year, text, status, origin, tuple(responsible), SourceRef(ck.file, f.line())
    )
