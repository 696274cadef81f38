"""Score distributions as matplotlib figures, and figures as inline SVG text."""

from __future__ import annotations

import io
from collections.abc import Sequence

from pipeline.record import Document
from pipeline.review.selection import score_values


PLOTS_PER_ROW = 4  # keeps the figure as wide as a report page


def score_figure(docs: Sequence[Document], bins: int = 20):
    """One histogram per score key (any keys the pairs carry); ``None`` when no pair has scores."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    values = score_values(docs)
    if not values:
        return None
    columns = min(PLOTS_PER_ROW, len(values))
    rows = -(-len(values) // columns)
    fig = Figure(figsize=(3.2 * columns, 2.6 * rows), layout="constrained")
    axes = fig.subplots(rows, columns, squeeze=False).ravel()
    for ax in axes[len(values) :]:
        ax.set_visible(False)
    for ax, (name, numbers) in zip(axes, values.items()):
        ax.hist(numbers, bins=bins, color="#4a78b5")
        ax.set_title(name)
        ax.set_ylabel("pairs")
        ax.locator_params(axis="x", nbins=4)
        ax.tick_params(axis="x", labelrotation=30)
    return fig


def figure_svg(fig) -> str:
    """The figure as an ``<svg>`` element to put straight into HTML (no external references)."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]
