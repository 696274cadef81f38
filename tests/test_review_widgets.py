"""The notebook widgets: a click does what the API does, and it is written at once."""

from pipeline.review import load_exceptions, load_run
from pipeline.review.stats import edit_samples
from pipeline.review.widgets import EditCard, PairCard, PairFilter, copy_exceptions_button
from tests.review_fixtures import build_docs, write_run


def test_pair_card_buttons_record_decisions(tmp_path):
    run = load_run(write_run(tmp_path / "run", build_docs()))
    items = {i.pair.id: i for i in PairFilter(run).selection()}
    card = PairCard(run, items["bruecke:2"], who="pruefer")
    card.english.value = "The financial planning is settled."
    card.edit_button.click()
    assert card.state.value == "edited"
    PairCard(run, items["bruecke:5"]).reject_button.click()
    PairCard(run, items["bruecke:0"]).accept_button.click()
    again = load_run(tmp_path / "run")
    assert [(d.pair, d.decision, d.who) for d in again.decisions][0] == ("bruecke:2", "edit", "pruefer")
    assert again.pair("bruecke:2")[1].en == "The financial planning is settled."
    assert again.pair("bruecke:5")[1].review == "rejected" and again.pair("bruecke:0")[1].review == "accepted"


def test_pair_filter_controls_narrow_the_cards(tmp_path):
    run = load_run(write_run(tmp_path / "run", build_docs() + build_docs(doc_id="zweiter")))
    view = PairFilter(run, limit=3)
    assert len(view.cards.children) == 3 and "first 3 shown" in view.count.value
    view.flag.value = "pair.length_ratio"
    assert all(c.item.pair.flags for c in view.cards.children)
    view.document.value = "zweiter"
    view.max_score.value = "0,14"
    assert [c.item.pair.id for c in view.cards.children] == ["zweiter:4"]


def test_edit_card_records_an_exception_and_the_button_copies_it(tmp_path):
    run = load_run(write_run(tmp_path / "run", build_docs()))
    [sample] = edit_samples(run.docs, "chars.ligature", n=1)
    card = EditCard(run, sample, who="pruefer")
    card.note.value = "Ligatur bleibt"
    card.wrong_button.click()
    [entry] = load_exceptions(tmp_path / "run" / "exceptions.yaml").entries
    assert (entry.rule, entry.who, entry.note) == ("chars.ligature", "pruefer", "Ligatur bleibt")
    target = tmp_path / "corrections" / "exceptions.yaml"
    button, status = copy_exceptions_button(tmp_path / "run" / "exceptions.yaml", target).children
    button.click()
    assert len(load_exceptions(target)) == 1 and str(target) in status.value
