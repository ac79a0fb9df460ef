"""The bundled events.yaml as a reader meets it: every event can be traced to a source, and the
January 2026 entries say what is known after the visit, no more precisely than it is known."""

from pathlib import Path

import pytest

from viewer.load.reading import load_path
from viewer.model.dates import Precision
from viewer.model.model import Timeline

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bundled() -> Timeline:
    result = load_path(ROOT / "events.yaml")
    assert result.timeline is not None and not result.errors
    return result.timeline


def test_every_event_offers_a_source_link_to_open(bundled):
    unlinked = [e.id for e in bundled.events if not any(s.url and s.safe_url for s in e.sources)]
    assert unlinked == []


def test_the_tariff_dispute_band_does_not_claim_the_dispute_ended(bundled):
    dispute = next(p for p in bundled.periods if "tariff dispute" in p.title)
    assert dispute.end.approximate


def test_the_visits_talks_record_the_preliminary_deal_not_a_made_up_span(bundled):
    talks = bundled.event("carney-trade-talks")
    assert talks is not None and not talks.is_range
    assert talks.start.precision == Precision.MONTH
    outcome = dict(talks.extra)["outcome"]
    assert outcome.startswith("Preliminary deal announced 16 January 2026")
    assert "49,000" in outcome and "canola oil not covered" in outcome


def test_the_2026_visit_is_called_an_official_visit(bundled):
    visit = [e for e in bundled.events if e.start.year == 2026]
    assert not [e.id for e in visit if "state visit" in e.tags]
    assert {"carney-arrives-beijing", "carney-xi-meeting"} <= {
        e.id for e in visit if "official visit" in e.tags}


def test_events_known_to_the_day_are_dated_to_the_day(bundled):
    days = {"michaels-charged": "19 June 2020", "wang-yi-turning-point": "15 January 2026",
            "canola-probe-2024": "3 September 2024",
            "li-qiang-zhao-leji-meetings": "15 January 2026"}
    assert {i: bundled.event(i).date_text() for i in days} == days  # type: ignore[union-attr]
