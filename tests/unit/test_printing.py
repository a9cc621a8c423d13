"""Printing without a register: progress, cancel, safe output, a missing font file."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

import desktop.printing.fonts as fonts
from desktop.bundled import form_path
from desktop.domain.errors import KnownError
from desktop.domain.templates import load_template
from desktop.messages import describe
from desktop.printing import render_blank, render_pledges
from tests.golden.samples import household


def _sheets(count: int):  # type: ignore[no-untyped-def]
    return [household(3, code=f"SH-{n:04d}") for n in range(count)]


def test_progress_is_reported_per_household_and_the_file_is_written(tmp_path: Path) -> None:
    template = load_template(form_path("covid-xnc-2021.toml"))
    seen: list[tuple[int, int]] = []
    out = tmp_path / "ban-nam-cha.pdf"
    result = render_pledges(_sheets(3), template, out, progress=lambda d, t: seen.append((d, t)))
    assert (result.sheets, result.pages, result.cancelled) == (3, 3, False)
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert out.read_bytes().startswith(b"%PDF")
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left behind


def test_cancel_stops_and_leaves_no_file(tmp_path: Path) -> None:
    template = load_template(form_path("covid-xnc-2021.toml"))
    out = tmp_path / "old.pdf"
    out.write_bytes(b"the earlier print")
    seen: list[int] = []
    result = render_pledges(
        _sheets(5),
        template,
        out,
        progress=lambda done, total: seen.append(done),
        cancel=lambda: len(seen) >= 2,
    )
    assert result.cancelled and result.pages == 0
    assert out.read_bytes() == b"the earlier print"
    assert list(tmp_path.iterdir()) == [out]


def test_bad_requests_are_known_errors(tmp_path: Path) -> None:
    template = load_template(form_path("bien-gioi.toml"))
    with pytest.raises(KnownError) as nothing:
        render_pledges([], template, io.BytesIO())
    assert nothing.value.code == "print.nothing"
    with pytest.raises(KnownError) as copies:
        render_pledges(_sheets(1), template, io.BytesIO(), copies=4)
    assert copies.value.code == "print.bad_copies"
    with pytest.raises(KnownError) as folder:
        render_blank(template, tmp_path)
    assert folder.value.code == "output.is_directory"
    with pytest.raises(KnownError) as picture:
        render_pledges([household(2, signature_png=b"not a png")], template, io.BytesIO())
    assert picture.value.code == "print.bad_signature"


def test_a_missing_font_file_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(fonts, "_registered", False)
    monkeypatch.setattr(fonts, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    with pytest.raises(KnownError) as caught:
        fonts.register_fonts()
    missing = str(tmp_path / "fonts" / "LiberationSerif-Regular.ttf")
    assert caught.value.params == {"file": missing}
    assert describe(caught.value) == f"Thiếu tệp phông chữ để in: {missing}"


def test_a_template_with_a_character_the_font_lacks_is_refused() -> None:
    template = load_template(form_path("covid-xnc-2021.toml"))
    edited = replace(template, closing="Xin cam kết 守法 ✅.", source_name="thu@2")
    with pytest.raises(KnownError) as caught:
        render_pledges(_sheets(1), edited, io.BytesIO())
    assert caught.value.code == "template.unprintable"
    assert caught.value.params["file"] == "thu@2"
    assert "thu@2" in describe(caught.value)


@pytest.mark.parametrize("which", ["covid-xnc-2021.toml", "bien-gioi.toml"])
def test_the_signatures_always_stand_on_a_page_with_pledge_text(which: str) -> None:
    # A sheet that runs past one page must not leave the signatures alone on its last page:
    # whoever signs must see (part of) what they sign: the closing words go over with them
    # (and only they: commitments that fit stay on the page before).
    template = load_template(form_path(which))
    sheets = [household(n, code=f"SH-{n:04d}") for n in (9, 12, 20, 60)]
    out = io.BytesIO()
    render_pledges(sheets, template, out)
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(out).pages]
    words = (template.closing or template.commitments[-1]).split()[:4]
    for code in ("SH-0009", "SH-0012", "SH-0020", "SH-0060"):
        signed = [p for p in pages if f"Mã hộ: {code}" in p and "(Ký, ghi rõ họ tên)" in p]
        assert len(signed) == 1, code
        assert " ".join(words) in signed[0], code
