"""vocabularies.yaml: the controlled values services may use, and checks against them."""

from __future__ import annotations

from collections.abc import Mapping

from index.knowledge.fields import Fields
from index.knowledge.model import VocabEntry, Vocabularies
from index.knowledge.slugs import SLUG_RE, did_you_mean, slugify, suggest
from index.knowledge.problems import Checker
from index.knowledge.yamlsrc import YPath

KIND_LABELS = {
    "target_groups": "kohderyhmä",
    "themes": "teema",
    "municipalities": "kunta",
    "languages": "kieli",
}
_ENTRY_FIELDS = {"fi", "sv", "en", "synonyms"}


class VocabIndex:
    """Which values are valid per kind, and what people might have meant instead.

    Only kinds that loaded are checked: if vocabularies.yaml is broken, that one
    problem is reported instead of one per service.
    """

    def __init__(self, vocab: Vocabularies, loaded: frozenset[str]):
        self.vocab = vocab
        self.loaded = loaded
        self._aliases = {kind: _aliases(vocab.by_kind(kind)) for kind in KIND_LABELS}

    def check(self, where: Fields, path: YPath, kind: str, value: str) -> None:
        """Report `value` at `path` unless it is an id in the `kind` vocabulary."""
        entries = self.vocab.by_kind(kind)
        if kind not in self.loaded or value in entries:
            return
        guess = did_you_mean(suggest(value, entries, self._aliases[kind]))
        listed = ", ".join(entries) if len(entries) <= 25 else ""
        fix = f"{guess} " if guess else (f"sallitut arvot: {listed}. " if listed else "")
        fix += f"Uuden arvon voi lisätä tiedostoon vocabularies.yaml kohtaan {kind}."
        where.report(path, f'tuntematon {KIND_LABELS[kind]} "{value}"', fix)


def _aliases(entries: Mapping[str, VocabEntry]) -> dict[str, str]:
    """Label or synonym (casefolded) → id, so "yksinäisyys" or "vanhukset" finds its id."""
    out: dict[str, str] = {}
    for ident, entry in entries.items():
        for word in (*entry.labels.values(), *entry.synonyms):
            out.setdefault(word.casefold(), ident)
    return out


def read_vocabularies(ck: Checker) -> tuple[Vocabularies, frozenset[str]]:
    """The vocabularies and the set of kinds that loaded well enough to check against."""
    kinds: dict[str, dict[str, VocabEntry]] = {kind: {} for kind in KIND_LABELS}
    loaded: set[str] = set()
    top = Fields.of(ck, (), ck.doc.data, "", KIND_LABELS)
    for kind, label in KIND_LABELS.items():
        if top is None:
            break
        raw = top.data.get(kind)
        if kind not in top.data:
            top.report(
                kind,
                f"sanasto {kind} ({label}) puuttuu",
                f"lisää tiedostoon kohta {kind}: ja sen alle sallitut arvot",
            )
            continue
        if not isinstance(raw, dict) or not raw:
            top.report(
                kind,
                "sanaston pitää sisältää arvoja muodossa tunniste: {fi: …, sv: …, en: …}",
                "lisää vähintään yksi arvo sisennettynä kohdan alle",
            )
            continue
        loaded.add(kind)
        for ident, value in raw.items():
            entry = _entry(ck, (kind, ident), ident, value, label)
            if entry is not None:
                kinds[kind][ident] = entry
    vocab = Vocabularies(
        target_groups=kinds["target_groups"],
        themes=kinds["themes"],
        municipalities=kinds["municipalities"],
        languages=kinds["languages"],
    )
    return vocab, frozenset(loaded)


def _entry(ck: Checker, path: YPath, ident: str, value: object, label: str) -> VocabEntry | None:
    if not SLUG_RE.match(ident):
        ck.report(
            path,
            f'tunniste "{ident}" ei kelpaa',
            f"käytä vain pieniä kirjaimia a–z, numeroita ja väliviivoja, esim. {slugify(ident)}",
        )
    fields = Fields.of(ck, path, value, f"{label} {ident}", _ENTRY_FIELDS)
    if fields is None:
        return None
    labels = {lang: fields.string(lang, required=lang == "fi") for lang in ("fi", "sv", "en")}
    synonyms = tuple(text for _, text in fields.strings("synonyms", required=False))
    return VocabEntry(
        id=ident,
        labels={lang: text for lang, text in labels.items() if text is not None},
        synonyms=synonyms,
    )
