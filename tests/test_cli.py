"""The CLI's contract: distinct exit codes per failure, output where it was asked for."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.cli import main


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze"]) == 2
    assert "usage" in capsys.readouterr().err


def test_empty_file_has_its_own_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "proposal.pdf"
    empty.write_bytes(b"")
    assert main(["analyze", str(empty)]) == 11
    err = capsys.readouterr().err
    assert "proposal.pdf" in err
    assert "Traceback" not in err


def test_unsupported_file_has_its_own_exit_code(tmp_path: Path) -> None:
    binary = tmp_path / "photo.bin"
    binary.write_bytes(bytes(range(256)) * 8)
    assert main(["analyze", str(binary)]) == 12


def test_docx_to_terminal_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "offer.txt"
    text.write_text("Microsoft 365 E5, 4,200 users.")
    assert main(["analyze", str(text), "--format", "docx"]) == 20
    assert "-o FILE" in capsys.readouterr().err
