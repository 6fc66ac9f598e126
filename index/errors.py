"""The project's one error hierarchy.

    BotError                      anything the bot can explain to a person
    ├── ConfigError               a setting is missing or wrong (names the variable)
    ├── KnowledgeError            knowledge files don't validate (carries every Problem)
    ├── SearchIndexError          the index artefact can't be used
    │   ├── IndexMissingError     nothing built yet at that path
    │   ├── IndexMismatchError    built by another model / knowledge / version
    │   └── IndexCorruptError     files missing, truncated or inconsistent
    ├── StorageError              the database refused or is unreachable
    └── ContactRequestError       a contact request can't be accepted

Adapters catch `BotError`, reply with `user_message` (Finnish by default) and
log `str(error)`; anything else is a bug and gets a generic apology.
It lives in `index/` because that is the bottom layer: every package may import it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a knowledge file, said so a coordinator can fix it."""

    file: str  # relative to the knowledge root
    line: int  # 1-based; 0 when the whole file is concerned
    field: str  # dotted path, e.g. "services[2].themes"
    message: str  # what is wrong (Finnish)
    fix: str = ""  # how to fix it (Finnish)

    def __str__(self) -> str:
        tail = f" — {self.fix}" if self.fix else ""
        return f"{self.file}:{self.line}: {self.field}: {self.message}{tail}"


class BotError(Exception):
    """Base of every error the bot explains instead of crashing."""

    user_message = "Pahoittelut, jokin meni vikaan. Yritä hetken päästä uudelleen."


class ConfigError(BotError):
    user_message = "Botin asetuksissa on virhe. Ylläpito on saanut tiedon."


class KnowledgeError(BotError):
    user_message = "Tietopohjassa on virheitä, joten uusia tietoja ei otettu käyttöön."

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems) or "tietopohja ei kelpaa")


class SearchIndexError(BotError):
    user_message = "Hakuhakemisto ei ole käytettävissä. Ylläpito on saanut tiedon."


class IndexMissingError(SearchIndexError):
    pass


class IndexMismatchError(SearchIndexError):
    pass


class IndexCorruptError(SearchIndexError):
    pass


class StorageError(BotError):
    user_message = (
        "Tietokantaan ei juuri nyt saada yhteyttä. Mitään ei tallennettu; yritä uudelleen."
    )


class ContactRequestError(BotError):
    user_message = "Yhteydenottoa ei voitu tallentaa. Yritä uudelleen."


class PtvApiError(BotError):
    """The PTV Open API could not be read (unreachable, an error answer, an unexpected
    shape). The message says what failed, where, and that the knowledge was not changed."""

    user_message = "PTV-rajapintaa ei voitu lukea; tietopohjaa ei muutettu."
