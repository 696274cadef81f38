"""A reviewer's view of a reference run's document: each reference pair with its bead type and
scores, and the sentences left unaligned on each side (HTML, for the review notebook and report).

>>> from pipeline.record import Document, Pair, Reference, Sentence
>>> doc = Document("d", "", sentences=[Sentence(0, 3, "Ja.")], pairs=[
...     Pair("d:r0", [0], "Ja.", "Yes.", "reference", [0], {"alignment": 0.8, "score": 0.9})],
...     reference=Reference("en", "", sentences=[Sentence(0, 4, "Yes."), Sentence(5, 8, "Ad.")], unaligned_tgt=[1]))
>>> html = render_reference_pairs(doc)
>>> "<td>1-1</td><td>0.80</td><td>0.90</td>" in html, "Ad." in html
(True, True)
"""

from __future__ import annotations

from html import escape

from pipeline.record import Document


def _score(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def render_reference_pairs(doc: Document) -> str:
    """HTML: a table of the reference pairs (bead, type, alignment score, pair score, flags, both
    sides) and one list per side of the sentences without partner."""
    rows = []
    for p in doc.pairs:
        if p.origin != "reference":
            continue
        flags = ", ".join(escape(f.rule) for f in p.flags)
        rows.append(
            f"<tr><td>{p.src}:{p.tgt}</td><td>{len(p.src)}-{len(p.tgt)}</td><td>{_score(p.scores.get('alignment'))}</td>"
            f"<td>{_score(p.scores.get('score'))}</td><td>{flags}</td><td>{escape(p.de)}</td><td>{escape(p.en)}</td></tr>"
        )
    out = [f"<h4>{escape(doc.id)}: reference pairs</h4>",
           "<table><tr><th>bead</th><th>type</th><th>alignment</th><th>score</th><th>flags</th>"
           "<th>German</th><th>reference</th></tr>", *rows, "</table>"]
    ref = doc.reference
    if ref is None:
        out.append("<p>no reference</p>")
        return "\n".join(out)
    for title, items in (("German sentences without partner", [doc.sentences[i] for i in ref.unaligned_src]),
                         ("reference sentences without partner", [ref.sentences[j] for j in ref.unaligned_tgt])):
        out.append(f"<p>{title}: {len(items)}</p><ul>" + "".join(f"<li>{escape(s.text)}</li>" for s in items) + "</ul>")
    return "\n".join(out)
