"""Typed access to the fields of one YAML mapping, reporting whatever is wrong.

Each getter returns the value in its model type, or None after recording a
Finnish problem that names the field and says how to fix it (quote a phone
number, write a date as VVVV-KK-PP, a list in brackets, …).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Collection, Mapping

from index.knowledge.slugs import SLUG_RE, did_you_mean, slugify, suggest
from index.knowledge.problems import EXAMPLES, Checker, paren, show
from index.knowledge.yamlsrc import YPath

_ISO_DATE_RE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_FI_DATE_RE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_YES = {"joo", "kyllä", "kylla", "k", "yes", "y", "kyl", "true", "tosi"}
_NO = {"ei", "no", "n", "false", "epätosi"}


class Fields:
    """Typed access to one mapping's fields; every getter reports what is wrong."""

    def __init__(self, ck: Checker, path: YPath, data: dict[str, object], label: str):
        self.ck = ck
        self.path = path
        self.data = data
        self.label = label

    @classmethod
    def of(
        cls, ck: Checker, path: YPath, value: object, label: str, allowed: Collection[str]
    ) -> Fields | None:
        """`value` as a mapping with only `allowed` keys (typos reported), else None."""
        if value is None and not path:
            ck.report(path, "tiedosto on tyhjä", "kirjoita tiedostoon sen kentät tai poista se")
            return None
        if not isinstance(value, dict):
            ck.report(
                path,
                f"odotettiin kenttiä (nimi: arvo), nyt {show(value)}{paren(label)}",
                "kirjoita kentät sisennettyinä omille riveilleen: "
                + ", ".join(sorted(k for k in allowed if not k.endswith(("_sv", "_en")))),
            )
            return None
        for key in value:
            if key in allowed:
                continue
            guess = difflib.get_close_matches(key.lower(), list(allowed), n=1, cutoff=0.6)
            fix = (
                f"tarkoititko {guess[0]}? Korjaa kentän nimi, muuten sen tiedot jäävät pois"
                if guess
                else "poista kenttä tai korjaa sen nimi; sallitut kentät: "
                + ", ".join(sorted(allowed))
            )
            ck.report((*path, key), f"tuntematon kenttä{paren(label)}", fix)
        return cls(ck, path, value, label)

    def line(self, key: str | None = None) -> int:
        return self.ck.line(self.path if key is None else (*self.path, key))

    def report(self, key: str | int | YPath, message: str, fix: str = "") -> None:
        sub = key if isinstance(key, tuple) else (key,)
        self.ck.report((*self.path, *sub), f"{message}{paren(self.label)}", fix)

    def present(self, key: str, required: bool) -> bool:
        """True when the key has a value; reports a required one that is missing or empty."""
        value = self.data.get(key)
        if value is not None and value != "":
            return True
        if required:
            example = EXAMPLES.get(key, "…")
            if key in self.data:
                self.report(key, "pakollinen kenttä on tyhjä", f"anna arvo, esim. {key}: {example}")
            else:
                self.ck.report(
                    (*self.path, key),
                    f"pakollinen kenttä puuttuu{paren(self.label)}",
                    f"lisää kenttä, esim. {key}: {example}",
                    line=self.line(),
                )
        return False

    def string(self, key: str, required: bool = True) -> str | None:
        if not self.present(key, required):
            return None
        value = self.data[key]
        if isinstance(value, str):
            return value.strip()
        raw = self.raw(key)
        self.report(
            key,
            f"arvon pitää olla tekstiä, nyt {show(value, raw)}",
            f'laita arvo lainausmerkkeihin: {key}: "{raw}"'
            if raw is not None
            else "kirjoita arvo tekstinä samalle riville",
        )
        return None

    def raw(self, key: str | int | YPath) -> str | None:
        """The field's source text when YAML read it as a number, date or true/false."""
        sub = key if isinstance(key, tuple) else (key,)
        return self.ck.doc.raw.get((*self.path, *sub))

    def translations(self, key: str, required: bool = True) -> dict[str, str]:
        """`key` in Finnish plus its `key_sv` / `key_en` variants."""
        out: dict[str, str] = {}
        fi = self.string(key, required)
        if fi is not None:
            out["fi"] = fi
        for lang in ("sv", "en"):
            variant = self.string(f"{key}_{lang}", required=False)
            if variant is not None:
                out[lang] = variant
        return out

    def slug(self, key: str = "id", required: bool = True) -> str | None:
        value = self.string(key, required)
        if value is None or SLUG_RE.match(value):
            return value
        self.report(
            key,
            f'tunniste "{value}" ei kelpaa',
            f"käytä vain pieniä kirjaimia a–z, numeroita ja väliviivoja, esim. {slugify(value)}",
        )
        return None

    def flag(self, key: str, required: bool = True) -> bool | None:
        if not self.present(key, required):
            return None
        value = self.data[key]
        if isinstance(value, bool):
            return value
        said = str(value).strip().lower()
        hint = "true" if said in _YES else "false" if said in _NO else "true tai false"
        self.report(
            key,
            f"arvon pitää olla true tai false, nyt {show(value, self.raw(key))}",
            f"kirjoita {key}: {hint} (ilman lainausmerkkejä)",
        )
        return None

    def integer(self, key: str, required: bool = False, minimum: int = 0) -> int | None:
        if not self.present(key, required):
            return None
        value = self.data[key]
        if isinstance(value, int) and not isinstance(value, bool) and value >= minimum:
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            self.report(
                key,
                f"luku {value} on liian pieni",
                f"anna vähintään {minimum}, esim. {key}: {EXAMPLES.get(key, minimum)}",
            )
            return None
        digits = value.strip() if isinstance(value, str) and value.strip().isdigit() else None
        self.report(
            key,
            f"arvon pitää olla kokonaisluku, nyt {show(value, self.raw(key))}",
            f"kirjoita luku ilman lainausmerkkejä: {key}: {digits}"
            if digits
            else f"kirjoita kokonaisluku, esim. {key}: {EXAMPLES.get(key, '65')}",
        )
        return None

    def date(self, key: str, required: bool = True) -> dt.date | None:
        if not self.present(key, required):
            return None
        value = self.data[key]
        if isinstance(value, dt.datetime):
            self.report(key, "anna pelkkä päivämäärä ilman kellonaikaa", f"esim. {key}: 2025-09-01")
            return None
        if isinstance(value, dt.date):
            return value
        text = str(value).strip()
        if _ISO_DATE_RE.match(text):
            try:
                return dt.date(*(int(p) for p in text.split("-")))
            except ValueError:
                self.report(
                    key,
                    f'päivämäärää "{text}" ei ole olemassa',
                    "tarkista kuukausi (01–12) ja päivä; muoto on VVVV-KK-PP, esim. 2025-09-01",
                )
                return None
        fi = _FI_DATE_RE.match(text)
        fix = f"käytä muotoa VVVV-KK-PP, esim. {key}: 2025-09-01"
        if fi:
            day, month, year = fi.groups()
            fix = f"käytä muotoa VVVV-KK-PP: {key}: {year}-{int(month):02d}-{int(day):02d}"
        self.report(key, f"päivämäärä ei kelpaa, nyt {show(value, self.raw(key))}", fix)
        return None

    def items(self, key: str, required: bool = True) -> list[tuple[YPath, object]]:
        """A list field as (path, item) pairs; a required list must not be empty."""
        if not self.present(key, required):
            return []
        value = self.data[key]
        example = EXAMPLES.get(key, "[…]")
        if not isinstance(value, list):
            shown = f"[{value}]" if isinstance(value, str) else example
            self.report(
                key,
                f"arvon pitää olla lista, nyt {show(value, self.raw(key))}",
                f"kirjoita lista hakasulkeisiin: {key}: {shown}",
            )
            return []
        if not value and required:
            self.report(key, "lista on tyhjä", f"lisää vähintään yksi arvo, esim. {key}: {example}")
        return [((*self.path, key, i), item) for i, item in enumerate(value)]

    def strings(self, key: str, required: bool = True) -> list[tuple[YPath, str]]:
        """A list of texts as (path, text) pairs; non-text items are reported and dropped."""
        out: list[tuple[YPath, str]] = []
        for path, item in self.items(key, required):
            if isinstance(item, str) and item.strip():
                out.append((path, item.strip()))
            else:
                raw = self.ck.doc.raw.get(path)
                self.ck.report(
                    path,
                    f"listan alkion pitää olla tekstiä, nyt {show(item, raw)}{paren(self.label)}",
                    f'laita arvo lainausmerkkeihin: "{raw}"' if raw else "poista tyhjä alkio",
                )
        return out

    def enum(
        self,
        key: str,
        allowed: Mapping[str, str],
        required: bool = True,
        aliases: Mapping[str, str] | None = None,
    ) -> str | None:
        """One of `allowed` (id → Finnish meaning); None is fine when not required."""
        value = self.string(key, required)
        if value is None or value in allowed:
            return value
        aliases = {
            **{meaning.casefold(): ident for ident, meaning in allowed.items()},
            **(aliases or {}),
        }
        options = ", ".join(
            ident if meaning == ident else f"{ident} ({meaning})"
            for ident, meaning in allowed.items()
        )
        guess = did_you_mean(suggest(value, allowed, aliases))
        self.report(key, f'arvo "{value}" ei kelpaa', f"{guess} Sallitut arvot: {options}".strip())
        return None

    def url(self, key: str, required: bool = False) -> str | None:
        value = self.string(key, required)
        if value is None or value.startswith(("https://", "http://")):
            return value
        self.report(
            key,
            f'verkko-osoitteen pitää alkaa https:// tai http://, nyt "{value}"',
            f"esim. {key}: https://{value.removeprefix('//')}",
        )
        return None

    def email(self, key: str, required: bool = False) -> str | None:
        value = self.string(key, required)
        if value is None or re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
            return value
        self.report(
            key,
            f'sähköpostiosoite "{value}" ei kelpaa',
            "kirjoita yksi osoite muodossa nimi@esimerkki.fi",
        )
        return None
