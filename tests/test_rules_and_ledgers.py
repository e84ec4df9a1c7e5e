"""Playbook files, rollout files, ledger arithmetic and the CLI's signature gate."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import analyzer
from analyzer.cli import main
from analyzer.errors import ConfigError
from analyzer.playbook import CHECKS, Deal, Playbook, evaluate, read_rollout_file
from analyzer.records import Evidence, Expiry, Item, Money, Partner, RolloutPhase, Seat
from tests.conftest import SAMPLES

DEV = SAMPLES / "dev"
EVIDENCE = (Evidence("deal.pdf", 1, "quote"),)


def test_registry_has_exactly_the_one_document_codes() -> None:
    assert sorted(CHECKS) == sorted(
        [
            "CREDIT_EXPIRES_BEFORE_ROLLOUT",
            "CREDIT_NO_EXPIRY",
            "CREDIT_NO_PARTNER_TERMS",
            "CREDIT_NO_SCOPE",
            "CREDIT_PARTNER_RESTRICTED",
            "DISCOUNT_MISSING",
            "DISCOUNT_PARTIAL_TERM",
            "ENTITLEMENT_TRADED",
            "EXPANSION_COMMITMENT",
            "FASTTRACK_BELOW_THRESHOLD",
            "FASTTRACK_NOT_ENGAGED",
            "FUNDING_REPLACES_DISCOUNT",
            "NO_ADOPTION_DATA",
            "ONBOARDING_WINDOW_RISK",
        ]
    )


def _deal(
    *items: Item, seats: tuple[Seat, ...] = (), rollout: tuple[RolloutPhase, ...] = ()
) -> Deal:
    return Deal(documents=(), mentions={}, seats=seats, items=items, rollout=rollout)


def test_recurring_discount_value_is_percent_price_seats_months() -> None:
    seats = (Seat("Microsoft 365 E3", 4000, EVIDENCE, True, Money(36.0, "USD"), 36),)
    discount = Item("discount-1", "discount", None, "", EVIDENCE, 0.9, percent=12.0, term_months=36)
    ledgers = evaluate(_deal(discount, seats=seats), Playbook.load()).ledgers
    assert ledgers.discount["recurring_value"] == pytest.approx(622_080.0)  # 12% x 36 x 4000 x 36
    assert ledgers.discount["currency"] == "USD"
    assert ledgers.entitlement["eligible_seats"] == 4000
    assert ledgers.entitlement["qualifies"] is True


def test_funded_ledger_counts_value_at_risk() -> None:
    safe = Item(
        "funded_credit-1",
        "funded_credit",
        "ECIF",
        "",
        EVIDENCE,
        0.9,
        amount=Money(100_000.0, "USD"),
        scope=("Teams Phone",),
        expires=Expiry(dt.date(2028, 6, 30), "30 June 2028"),
        partner=Partner("Contoso Ltd", "named"),
    )
    risky = Item(
        "funded_credit-2",
        "funded_credit",
        "Partner funding",
        "",
        EVIDENCE,
        0.9,
        amount=Money(40_000.0, "USD"),
        partner=Partner(None, "unstated"),
    )
    result = evaluate(_deal(safe, risky), Playbook.load())
    funded = result.ledgers.funded_credit
    assert funded["face_value"] == 140_000.0
    assert funded["at_risk"] == 40_000.0
    assert set(funded["at_risk_reasons"]["funded_credit-2"]) == {
        "no expiry",
        "no scope",
        "no partner terms",
    }
    codes = [f.code for f in result.findings]
    assert codes.count("CREDIT_NO_EXPIRY") == 1 and "CREDIT_NO_PARTNER_TERMS" in codes


def test_credit_expiring_before_its_phase_and_a_near_miss() -> None:
    phase = RolloutPhase(
        "Phase 2", ("Teams Phone",), dt.date(2027, 9, 1), dt.date(2027, 12, 15), EVIDENCE
    )

    def credit(expires: dt.date) -> Item:
        return Item(
            "funded_credit-1",
            "funded_credit",
            "ECIF",
            "",
            EVIDENCE,
            0.9,
            amount=Money(250_000.0, "USD"),
            scope=("Teams Phone",),
            expires=Expiry(expires, expires.isoformat()),
            partner=Partner(None, "approved"),
        )

    early = evaluate(_deal(credit(dt.date(2027, 6, 30)), rollout=(phase,)), Playbook.load())
    finding = next(f for f in early.findings if f.code == "CREDIT_EXPIRES_BEFORE_ROLLOUT")
    assert "before the phase starts" in finding.detail
    assert "2027-12-15" in (finding.ask or "")
    late = evaluate(_deal(credit(dt.date(2028, 1, 31)), rollout=(phase,)), Playbook.load())
    assert "CREDIT_EXPIRES_BEFORE_ROLLOUT" not in {f.code for f in late.findings}


def test_fasttrack_threshold_149_vs_150() -> None:
    def seats(n: int) -> tuple[Seat, ...]:
        return (Seat("Microsoft 365 E3", n, EVIDENCE, True),)

    below = {f.code for f in evaluate(_deal(seats=seats(149)), Playbook.load()).findings}
    at = {f.code for f in evaluate(_deal(seats=seats(150)), Playbook.load()).findings}
    assert "FASTTRACK_BELOW_THRESHOLD" in below and "FASTTRACK_NOT_ENGAGED" not in below
    assert "FASTTRACK_NOT_ENGAGED" in at and "FASTTRACK_BELOW_THRESHOLD" not in at


def test_playbook_file_overrides_the_threshold(tmp_path: Path) -> None:
    playbook = tmp_path / "team.yaml"
    playbook.write_text("fasttrack_seat_threshold: 5000\n", encoding="utf-8")
    default = analyzer.analyze([DEV / "dev-004.pdf"])
    tuned = analyzer.analyze([DEV / "dev-004.pdf"], playbook=playbook)
    assert "FASTTRACK_NOT_ENGAGED" in {f.code for f in default.findings}
    assert "FASTTRACK_NOT_ENGAGED" not in {f.code for f in tuned.findings}
    assert "FASTTRACK_BELOW_THRESHOLD" in {f.code for f in tuned.findings}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("fasttrack_seat_threshold: -3\n", "fasttrack_seat_threshold"),
        ("findings:\n  DISCOUNT_MISSING:\n    severity: urgent\n", "DISCOUNT_MISSING.severity"),
        ("substitution:\n  similarity_threshold: 7\n", "similarity_threshold"),
        ("fasttrack_seat_threshold: [150\n", "not valid YAML"),
    ],
)
def test_bad_playbook_names_file_and_field(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as error:
        Playbook.load(path)
    assert str(path) in str(error.value)
    assert main(["analyze", str(DEV / "dev-006.pdf"), "--playbook", str(path)]) == 20


def test_rollout_files_in_yaml_and_csv(tmp_path: Path) -> None:
    yaml_file = tmp_path / "rollout.yaml"
    yaml_file.write_text(
        "phases:\n  - name: Wave 1\n    workloads: [Exchange Online, telephony]\n"
        "    start: 2027-01-01\n    end: 2027-03-31\n",
        encoding="utf-8",
    )
    csv_file = tmp_path / "rollout.csv"
    csv_file.write_text(
        "name,workloads,start,end\nWave 2,Teams Phone; Intune,2027-04-01,2027-09-30\n",
        encoding="utf-8",
    )
    (wave1,) = read_rollout_file(yaml_file)
    assert wave1.workloads == ("Exchange Online", "Teams Phone")
    assert wave1.start == dt.date(2027, 1, 1)
    (wave2,) = read_rollout_file(csv_file)
    assert wave2.workloads == ("Teams Phone", "Intune") and wave2.end == dt.date(2027, 9, 30)
    bad = tmp_path / "bad.csv"
    bad.write_text("name,workloads,start,end\nWave 3,Intune,next spring,\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="phase 1 start"):
        read_rollout_file(bad)


def test_rollout_file_drives_the_expiry_check(tmp_path: Path) -> None:
    rollout = tmp_path / "rollout.csv"
    rollout.write_text("name,workloads,start,end\nVoice,Teams Phone,2028-01-01,2028-06-30\n")
    report = analyzer.analyze([DEV / "dev-002.pdf"], rollout=rollout)
    assert [p.name for p in report.rollout] == ["Voice"]


def test_fail_on_gates_a_signature_checklist(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    risky = str(DEV / "dev-001.pdf")  # has high findings
    assert main(["analyze", risky, "--fail-on", "high", "-o", str(out)]) == 1
    assert out.read_text(encoding="utf-8").startswith("# Gap report")
    assert main(["analyze", risky, "-o", str(out)]) == 0
    info_only = str(DEV / "dev-006.pdf")
    codes = {f.code for f in analyzer.analyze([DEV / "dev-006.pdf"]).findings}
    severities = {f.severity for f in analyzer.analyze([DEV / "dev-006.pdf"]).findings}
    assert codes and "high" not in severities
    assert main(["analyze", info_only, "--fail-on", "high", "-o", str(out)]) == 0
