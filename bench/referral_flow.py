"""Benchmark: referrals through the real service, answered through their signed links, and
the board report over the same database.

    python -m bench.referral_flow [--referrals 30] [--out report.pdf]

On a throwaway SQLite database and the configured knowledge: how many services get the
*Ohjaa asiakas* button, N referrals submitted (mean time each), a henkilötunnus and a missing
consent refused, the associations' answers through the signed links (reached, not reached,
not a fit, received, and some left open), then what the tables and the outbox hold and
whether any closed referral still keeps a client contact; finally `jarjestobotti report`
for the month, its pages counted by `pdfinfo`. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ANSWERS = ("tavoitettu", "ei_tavoitettu", "vastaanotettu", "ei_sopiva")


def measure(count: int, out: Path) -> dict[str, Any]:
    from sqlalchemy import func, select

    from bot.runtime import load_runtime
    from bot.settings import load_settings
    from handlers.referral.model import ReferralDraft, ReferralRefused
    from store.contact_models import Outbox
    from store.referral_models import Referral, ReferralStatusChange

    runtime = load_runtime(load_settings())
    refs = runtime.referral_service()
    services = [s for s in runtime.kb.services if refs.can_refer(s)]
    result: dict[str, Any] = {"services": len(runtime.kb.services), "with_button": len(services)}

    def draft(i: int, need: str, consent: bool = True) -> ReferralDraft:
        return ReferralDraft(
            services[i % len(services)].id, need, "client_contacts", None, consent, "web",
            f"prof{i % 3}", {}, f"bench-{i}-{consent}-{len(need)}", "fi",
        )  # fmt: skip

    started = time.perf_counter()
    made = [
        refs.submit(draft(i, f"Asiakas kaipaa vertaistukea ({i})")).reference for i in range(count)
    ]
    result["submit_mean_ms"] = round((time.perf_counter() - started) / count * 1000, 2)
    refused = []
    for need, consent in (("Matti 131052-308T tarvitsee apua", True), ("Tarvitsee apua", False)):
        try:
            refs.submit(draft(count, need, consent))
        except ReferralRefused as exc:
            refused.append(sorted(exc.errors))
    result["refused_fields"] = refused
    for i, reference in enumerate(made):
        if i % 6 != 5:  # every sixth is left unanswered
            token = refs.link(reference).rsplit("/", 1)[1]
            refs.answer(token, ANSWERS[i % len(ANSWERS)], None)
    with runtime.engine.connect() as c:
        result["by_status"] = dict(
            c.execute(select(Referral.status, func.count()).group_by(Referral.status)).all()
        )
        result["status_rows"] = c.execute(
            select(func.count()).select_from(ReferralStatusChange)
        ).scalar()
        result["outbox"] = dict(
            c.execute(
                select(Outbox.kind, func.count())
                .where(Outbox.referral_id.is_not(None))
                .group_by(Outbox.kind)
            ).all()
        )
        result["closed_with_contact"] = c.execute(
            select(func.count()).where(
                Referral.closed_at.is_not(None), Referral.client_contact.is_not(None)
            )
        ).scalar()
    today = time.strftime("%Y-%m-")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "bot.cli.main", "report", "--from", today + "01",
         "--to", today + "28", "--out", str(out)],
        check=True, capture_output=True,
    )  # fmt: skip
    result["report_s"] = round(time.perf_counter() - started, 2)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    result["report_pages"] = next(
        (int(line.split()[-1]) for line in info.splitlines() if line.startswith("Pages")), None
    )
    return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--referrals", type=int, default=30)
    ap.add_argument("--out", type=Path, default=None, help="keep the report here")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["JARJESTOBOTTI_DATABASE_URL"] = f"sqlite:///{tmp}/bench.db"
        os.environ.setdefault("JARJESTOBOTTI_WEB_SECRET", "bench-referral-secret-bench")
        out = args.out or Path(tmp, "report.pdf")
        print(json.dumps(measure(args.referrals, out), ensure_ascii=False))


if __name__ == "__main__":
    main()
