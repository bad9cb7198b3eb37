"""The console adapter: a Reply as terminal text, charts as files."""

import io
from pathlib import Path

from rich.console import Console

from adapters.console.render import bar, markup, render, save_images
from bot.chart_theme import Chart
from bot.reply import POST, RUN, Button, Field, Progress, Reply, Visibility

CHART = Chart(png=b"\x89PNG fake", alt_text="Won revenue of Ada", width=1200, height=600)


def plain(markup_text: str) -> str:
    console = Console(width=100, file=io.StringIO())
    console.print(markup_text)
    assert isinstance(console.file, io.StringIO)
    return console.file.getvalue()


def test_simple_markdown_becomes_styles_and_brackets_stay() -> None:
    shown = markup("*bold* _it_ `code *x*` won_revenue [red]")

    assert shown == (
        "[bold]bold[/bold] [italic]it[/italic] [cyan]code *x*[/cyan] won_revenue \\[red]"
    )
    assert plain(shown) == "bold it code *x* won_revenue [red]\n"


def test_a_progress_bar_with_its_marker() -> None:
    drawn = bar(Progress("Attainment", 0.5, marker=0.75), width=8)

    assert drawn == "████░░┃░"


def test_a_whole_reply(tmp_path: Path) -> None:
    reply = Reply(
        title="Your quota · 2026-Q4",
        paragraphs=("*$30,000* won",),
        fields=(Field("Quota", "$60,000"), Field("Attainment", "50%")),
        progress=(Progress("Attainment", 0.5, 0.65, "pace 65%", "$30,000 of $60,000"),),
        images=(CHART,),
        buttons=(Button("Last quarter", RUN, "myquota last-quarter"),
                 Button("Post to channel", POST, "myquota public")),
        visibility=Visibility.CHANNEL,
    )  # fmt: skip
    paths = save_images(reply, tmp_path / "charts", "001-myquota")

    shown = plain(render(reply, paths))

    assert paths == [tmp_path / "charts" / "001-myquota-1.png"]
    assert paths[0].read_bytes() == CHART.png
    assert shown.splitlines()[:3] == ["Your quota · 2026-Q4", "", "$30,000 won"]
    assert "  Quota       $60,000" in shown
    assert "(┃ pace 65%)" in shown
    assert str(paths[0]) in shown
    assert "Won revenue of Ada" in shown
    assert " Post to channel  (post: myquota public)" in shown
    assert "visible to: posted to the channel" in shown
