"""A `Reply` as terminal text: rich markup for the words, files for the charts.

The reply's simple markdown becomes rich styles (*bold*, _italic_, `code`); every
other character is escaped, so a name with brackets or emoji prints as it is. Charts
are written as PNG files and the text names their paths and alt text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from rich.markup import escape

from bot.reply import POST, Progress, Reply, Visibility

BAR_WIDTH = 30
_BOLD = re.compile(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])")
_ITALIC = re.compile(r"(?<![\w_])_([^_\n]+)_(?![\w_])")


def markup(text: str) -> str:
    """Simple markdown as rich markup; `code` spans are kept literal."""
    parts = text.split("`")
    out: list[str] = []
    for index, part in enumerate(parts):
        if index % 2 == 1 and index < len(parts) - 1:
            out.append(f"[cyan]{escape(part)}[/cyan]")
            continue
        piece = escape(part if index % 2 == 0 else "`" + part)
        piece = _BOLD.sub(r"[bold]\1[/bold]", piece)
        out.append(_ITALIC.sub(r"[italic]\1[/italic]", piece))
    return "".join(out)


def bar(progress: Progress, width: int = BAR_WIDTH) -> str:
    """A text progress bar, the marker drawn as a thick line inside it."""
    end = max(1.0, progress.fraction)
    filled = round(max(0.0, progress.fraction) / end * width)
    cells = ["█"] * filled + ["░"] * (width - filled)
    if progress.marker is not None:
        at = min(width - 1, max(0, round(progress.marker / end * width)))
        cells[at] = "┃"
    return "".join(cells)


def render(reply: Reply, image_paths: Sequence[Path] = ()) -> str:
    """The reply as rich markup, ready for `Console.print`."""
    lines = [f"[bold underline]{escape(reply.title)}[/bold underline]", ""]
    for paragraph in reply.paragraphs:
        lines.extend([markup(paragraph), ""])
    for progress in reply.progress:
        percent = f"{progress.fraction:.0%}"
        line = f"{escape(progress.label)}  {bar(progress)}  {percent}"
        if progress.marker_label:
            line += f"  (┃ {escape(progress.marker_label)})"
        lines.append(line)
        if progress.caption:
            lines.append(f"  {escape(progress.caption)}")
        lines.append("")
    if reply.fields:
        width = max(len(field.label) for field in reply.fields)
        lines.extend(
            f"  {escape(field.label.ljust(width))}  {escape(field.value)}"
            for field in reply.fields
        )
        lines.append("")
    for chart, path in zip(reply.images, image_paths, strict=False):
        lines.append(f"🖼  {escape(str(path))}")
        lines.append(f"   [dim]{escape(chart.alt_text)}[/dim]")
    if reply.images:
        lines.append("")
    if reply.form is not None:
        # The console has no forms to fill in: it shows what would be asked.
        lines.append(f"[reverse] {escape(reply.form.open_label)} [/reverse] (form)")
        lines.extend(f"  ▢ {escape(field.label)}" for field in reply.form.inputs)
    for button in reply.buttons:
        kind = "post" if button.action == POST else "run"
        lines.append(
            f"[reverse] {escape(button.label)} [/reverse] ({kind}: {escape(button.value)})"
        )
    where = "posted to the channel" if reply.visibility is Visibility.CHANNEL else "only you"
    lines.append(f"[dim]visible to: {where}[/dim]")
    return "\n".join(lines)


def save_images(reply: Reply, folder: Path, stem: str) -> list[Path]:
    """Write the reply's charts as `stem-1.png`, `stem-2.png`, ... in `folder`."""
    if not reply.images:
        return []
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, chart in enumerate(reply.images, start=1):
        path = folder / f"{stem}-{number}.png"
        path.write_bytes(chart.png)
        paths.append(path)
    return paths
